/*
 * The addon's module (dist/native/fv_mlp.node): picks the kernel set, registers each architecture's entry points
 * (fv_napi_register_model) and the ones that do not depend on the architecture: adam, setThreads, profile.
 * Parameters are flat float32 arrays owned by JavaScript; nothing here keeps state between calls but the thread
 * pool and the profile counters.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fv_kernels.h"
#include "fv_mlp.h"
#include "fv_napi.h"
#include "fv_proj_resnet.h"
#include "fv_resmlp.h"
#include "fv_step.h"

void fv_jacobian_register(napi_env env, napi_value exports); /* fv_jacobian.c: the MLP's Jacobian (likelihood) */
void fv_sinkhorn_register(napi_env env, napi_value exports); /* fv_sinkhorn_napi.c: the entropic OT plan's scaling loop */

static const FvModelApi mlp_api = {"lossAndGrad", "forward", "trainStep", "mlp", fv_mlp_from};
static const FvModelApi resmlp_api = {"resLossAndGrad", "resForward", "resTrainStep", "resmlp", fv_resmlp_from};
static const FvModelApi resnet_api = {"resnetLossAndGrad", "resnetForward", "resnetTrainStep", "resnet", fv_proj_resnet_from};

/* adam(params, m, v, grad, [b1, b2, c1, c2, stepSize, invSqrtBc2, eps]: Float64Array, ema: Float32Array | null, emaC)
 * One Adam step and moving-average update (fv_adam), the parameters split in slices over the pool. */
static napi_value js_adam(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc != 7) return fv_napi_fail(env, "adam takes 7 arguments");
  size_t lp, lm, lv, lg, le = 0, lk;
  float *g;
  FvAdamStep a = {NULL, NULL, NULL, NULL, NULL, 0};
  if (!fv_napi_f32(env, argv[0], &a.p, &lp) || !fv_napi_f32(env, argv[1], &a.m, &lm) || !fv_napi_f32(env, argv[2], &a.v, &lv) ||
      !fv_napi_f32(env, argv[3], &g, &lg) || !fv_napi_f64(env, argv[4], (double **)&a.k, &lk) || lk != 7)
    return fv_napi_fail(env, "adam: bad arguments");
  if (!fv_napi_nullish(env, argv[5]) && (!fv_napi_f32(env, argv[5], &a.ema, &le) || le != lp))
    return fv_napi_fail(env, "adam: ema must be a Float32Array of the parameters' size, or null");
  if (napi_get_value_double(env, argv[6], &a.emaC) != napi_ok) return fv_napi_fail(env, "adam: emaC must be a number");
  if (lm != lp || lv != lp || lg != lp) return fv_napi_fail(env, "adam: params, m, v and grad must have the same length");
  fv_adam_parallel(lp, &a, g);
  return NULL;
}

/* setThreads(n): threads of the pool (1: none). Returns the number now in use. */
static napi_value js_set_threads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], res;
  int n;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc != 1 || !fv_napi_int(env, argv[0], &n) || n < 1) return fv_napi_fail(env, "setThreads takes a positive integer");
  fv_set_threads(n);
  napi_create_int32(env, fv_get_threads(), &res);
  return res;
}

/* profile(on: boolean, reset: boolean) -> Float64Array of seconds [gemm, act, adam, embed, sync, other] so far. */
static napi_value js_profile(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2], ab, res;
  bool on = false, reset = false;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc != 2 || napi_get_value_bool(env, argv[0], &on) != napi_ok || napi_get_value_bool(env, argv[1], &reset) != napi_ok)
    return fv_napi_fail(env, "profile takes (on: boolean, reset: boolean)");
  void *data;
  if (napi_create_arraybuffer(env, sizeof(double) * FV_PROF_N, &data, &ab) != napi_ok) return fv_napi_oom(env, "the profile");
  fv_prof_read((double *)data, reset);
  fv_prof_on = on;
  napi_create_typedarray(env, napi_float64_array, FV_PROF_N, ab, 0, &res);
  return res;
}

NAPI_MODULE_INIT() {
  /* FV_NATIVE_ISA forces a kernel set (tests compare them; a benchmark can measure one): unknown or unsupported
   * by this CPU, the load fails with a message rather than running something else. */
  const char *want = getenv("FV_NATIVE_ISA");
  if (want && *want && strcmp(want, "auto") != 0) {
    int r = fv_select_isa(want);
    if (r != 0) {
      char msg[300];
      if (r == -1) snprintf(msg, sizeof msg, "FV_NATIVE_ISA=%s is not a kernel set: use avx512, avx2, generic or auto", want);
      else snprintf(msg, sizeof msg, "FV_NATIVE_ISA=%s: this CPU lacks those instructions (it runs: %s); unset it or pick one of those", want, fv_isas_supported());
      napi_throw_error(env, "FV_NATIVE_ISA", msg);
      return NULL;
    }
  }
  fv_napi_register_model(env, exports, &mlp_api);
  fv_napi_register_model(env, exports, &resmlp_api);
  fv_napi_register_model(env, exports, &resnet_api);
  fv_jacobian_register(env, exports);
  fv_sinkhorn_register(env, exports);
  fv_napi_set_fn(env, exports, "adam", js_adam, NULL);
  fv_napi_set_fn(env, exports, "setThreads", js_set_threads, NULL);
  fv_napi_set_fn(env, exports, "profile", js_profile, NULL);
  fv_napi_set_str(env, exports, "isa", fv_isa());
  fv_napi_set_str(env, exports, "isas", fv_isas_supported());
  return exports;
}
