/*
 * The addon's sinkhornScale entry (fv_sinkhorn.c through the chosen kernel set), for the couplings package's
 * entropic OT plan, reached through the core's SINKHORN_KERNEL port (backends/src/sinkhorn/native-sinkhorn.ts).
 */
#include <stdlib.h>
#include "fv_kernels.h"
#include "fv_napi.h"

/* sinkhornScale(K: Float32Array n×n, n, maxIter, tol, v: Float64Array n) -> iterations done. */
static napi_value js_sinkhorn_scale(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5], res;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  float *K;
  double *v, tol;
  size_t lk, lv;
  int n, maxIter;
  if (argc != 5 || !fv_napi_f32(env, argv[0], &K, &lk) || !fv_napi_int(env, argv[1], &n) || !fv_napi_int(env, argv[2], &maxIter) ||
      napi_get_value_double(env, argv[3], &tol) != napi_ok || !fv_napi_f64(env, argv[4], &v, &lv))
    return fv_napi_fail(env, "sinkhornScale takes (K: Float32Array, n, maxIter, tol, v: Float64Array)");
  if (n < 1 || maxIter < 0 || (size_t)n * (size_t)n != lk || lv != (size_t)n)
    return fv_napi_fail(env, "sinkhornScale: K must hold n×n values and v n values (n ≥ 1, maxIter ≥ 0)");
  double *work = fv_alloc(sizeof(double) * 3 * (size_t)n);
  if (!work) return fv_napi_oom(env, "the Sinkhorn work vectors");
  int it = fv_sinkhorn_scale(n, K, maxIter, tol, v, work);
  free(work);
  napi_create_int32(env, it, &res);
  return res;
}

/* sinkhornKernel(a: Float32Array 2n, b: Float32Array 2n, scale: 0 none | 1 mean | 2 max, reg, K: Float32Array n×n) -> ε. */
static napi_value js_sinkhorn_kernel(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5], res;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  float *a, *b, *K;
  size_t la, lb, lk;
  int scale;
  double reg;
  if (argc != 5 || !fv_napi_f32(env, argv[0], &a, &la) || !fv_napi_f32(env, argv[1], &b, &lb) || !fv_napi_int(env, argv[2], &scale) ||
      napi_get_value_double(env, argv[3], &reg) != napi_ok || !fv_napi_f32(env, argv[4], &K, &lk))
    return fv_napi_fail(env, "sinkhornKernel takes (a: Float32Array, b: Float32Array, scale: 0 | 1 | 2, reg, K: Float32Array)");
  const size_t n = la / 2;
  if (la % 2 || la != lb || n < 1 || n > 46340 || lk != n * n || scale < 0 || scale > 2)
    return fv_napi_fail(env, "sinkhornKernel: a and b must hold n points each (2n values, n ≥ 1) and K n×n values; scale 0, 1 or 2");
  double *rowMin = fv_alloc(sizeof(double) * n);
  if (!rowMin) return fv_napi_oom(env, "the Sinkhorn kernel's row minima");
  double eps = fv_sinkhorn_kernel((int)n, a, b, scale, reg, K, rowMin);
  free(rowMin);
  napi_create_double(env, eps, &res);
  return res;
}

/* sinkhornDraw(K: Float32Array n×n, n, v: Float64Array n, uniform: Float64Array n, out: Int32Array n). */
static napi_value js_sinkhorn_draw(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  float *K;
  double *v, *uniform;
  int32_t *out;
  size_t lk, lv, lu, lo;
  int n;
  if (argc != 5 || !fv_napi_f32(env, argv[0], &K, &lk) || !fv_napi_int(env, argv[1], &n) || !fv_napi_f64(env, argv[2], &v, &lv) ||
      !fv_napi_f64(env, argv[3], &uniform, &lu) || !fv_napi_i32(env, argv[4], &out, &lo))
    return fv_napi_fail(env, "sinkhornDraw takes (K: Float32Array, n, v: Float64Array, uniform: Float64Array, out: Int32Array)");
  if (n < 1 || lk != (size_t)n * (size_t)n || lv != (size_t)n || lu != (size_t)n || lo != (size_t)n)
    return fv_napi_fail(env, "sinkhornDraw: K must hold n×n values and v, uniform and out n values (n ≥ 1)");
  fv_sinkhorn_draw(n, K, v, uniform, out);
  return NULL;
}

void fv_sinkhorn_register(napi_env env, napi_value exports) {
  fv_napi_set_fn(env, exports, "sinkhornScale", js_sinkhorn_scale, NULL);
  fv_napi_set_fn(env, exports, "sinkhornKernel", js_sinkhorn_kernel, NULL);
  fv_napi_set_fn(env, exports, "sinkhornDraw", js_sinkhorn_draw, NULL);
}
