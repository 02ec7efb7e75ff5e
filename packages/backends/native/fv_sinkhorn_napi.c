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

void fv_sinkhorn_register(napi_env env, napi_value exports) { fv_napi_set_fn(env, exports, "sinkhornScale", js_sinkhorn_scale, NULL); }
