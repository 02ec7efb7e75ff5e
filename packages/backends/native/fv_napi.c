/* Node-API glue shared by the addon's architectures (fv_napi.h). */
#include <stdio.h>
#include <string.h>
#include "fv_napi.h"
#include "fv_step.h"

static int typed(napi_env env, napi_value v, napi_typedarray_type want, void **data, size_t *len) {
  napi_typedarray_type type;
  napi_value ab;
  size_t off;
  return napi_get_typedarray_info(env, v, &type, len, data, &ab, &off) == napi_ok && type == want;
}

int fv_napi_f32(napi_env env, napi_value v, float **data, size_t *len) { return typed(env, v, napi_float32_array, (void **)data, len); }
int fv_napi_f64(napi_env env, napi_value v, double **data, size_t *len) { return typed(env, v, napi_float64_array, (void **)data, len); }
int fv_napi_i32(napi_env env, napi_value v, int32_t **data, size_t *len) { return typed(env, v, napi_int32_array, (void **)data, len); }

int fv_napi_int(napi_env env, napi_value v, int *out) {
  napi_valuetype vt;
  return napi_typeof(env, v, &vt) == napi_ok && vt == napi_number && napi_get_value_int32(env, v, out) == napi_ok;
}

int fv_napi_nullish(napi_env env, napi_value v) {
  napi_valuetype vt;
  return napi_typeof(env, v, &vt) == napi_ok && (vt == napi_null || vt == napi_undefined);
}

napi_value fv_napi_fail(napi_env env, const char *msg) {
  napi_throw_type_error(env, NULL, msg);
  return NULL;
}

napi_value fv_napi_oom(napi_env env, const char *what) {
  char msg[200];
  snprintf(msg, sizeof msg, "native backend: out of memory (%s); free memory or use smaller batches (training.batch_size)", what);
  napi_throw_error(env, "FV_NATIVE_OOM", msg);
  return NULL;
}

void fv_napi_set_fn(napi_env env, napi_value obj, const char *key, napi_callback cb, void *data) {
  napi_value fn;
  napi_create_function(env, key, NAPI_AUTO_LENGTH, cb, data, &fn);
  napi_set_named_property(env, obj, key, fn);
}

void fv_napi_set_str(napi_env env, napi_value obj, const char *key, const char *val) {
  napi_value v;
  napi_create_string_utf8(env, val, NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, obj, key, v);
}

static napi_value failf(napi_env env, const char *fn, const char *what) {
  char msg[300];
  snprintf(msg, sizeof msg, "%s: %s", fn, what);
  return fv_napi_fail(env, msg);
}

static napi_value number(napi_env env, double v) {
  napi_value res;
  napi_create_double(env, v, &res);
  return res;
}

/* argv[0], argv[1]: the dims and freqs of api's architecture, into m. 0 with a thrown error when they are wrong. */
static int model_from(napi_env env, const FvModelApi *api, const char *fn, napi_value dimsV, napi_value freqsV, FvModel *m) {
  int32_t *dims;
  float *freqs;
  size_t ndims, nfreqs;
  if (!fv_napi_i32(env, dimsV, &dims, &ndims)) return failf(env, fn, "dims must be an Int32Array"), 0;
  if (!fv_napi_f32(env, freqsV, &freqs, &nfreqs)) return failf(env, fn, "freqs must be a Float32Array"), 0;
  const char *bad = api->from(dims, ndims, freqs, nfreqs, m);
  if (bad) {
    char msg[200];
    snprintf(msg, sizeof msg, "%s: %s", api->label, bad);
    return failf(env, fn, msg), 0;
  }
  return 1;
}

/* The arguments lossAndGrad and trainStep share: (dims, freqs, params, x, t, target, scale, grad, parts). */
typedef struct {
  FvModel m;
  float *P, *x, *t, *y, *grad;
  size_t lp, lx, lt, ly, lg;
  double scale;
  int parts, n;
} BatchArgs;

static int batch_args(napi_env env, const FvModelApi *api, const char *fn, size_t argc, napi_value *argv, BatchArgs *a) {
  if (!model_from(env, api, fn, argv[0], argv[1], &a->m)) return 0;
  if (!fv_napi_f32(env, argv[2], &a->P, &a->lp) || !fv_napi_f32(env, argv[3], &a->x, &a->lx) || !fv_napi_f32(env, argv[4], &a->t, &a->lt) ||
      !fv_napi_f32(env, argv[5], &a->y, &a->ly) || !fv_napi_f32(env, argv[7], &a->grad, &a->lg) || napi_get_value_double(env, argv[6], &a->scale) != napi_ok)
    return failf(env, fn, "bad arguments"), 0;
  a->parts = 1;
  if (argc > 8 && (!fv_napi_int(env, argv[8], &a->parts) || a->parts < 1 || a->parts > FV_MAX_PARTS))
    return failf(env, fn, "parts must be an integer from 1 to 64"), 0;
  a->n = (int)a->lt;
  if (a->lp != a->m.size || a->lg != a->lp || a->lx != (size_t)a->n * a->m.in || a->ly != (size_t)a->n * a->m.out)
    return failf(env, fn, "sizes do not match the architecture"), 0;
  return 1;
}

/* lossAndGrad(dims, freqs, params, x, t, target, scale, grad[, parts]) -> sum of squared errors.
 * parts > 1: the batch in that many parts of consecutive rows, over the pool's threads, gradients summed in part order. */
static napi_value js_loss_and_grad(napi_env env, napi_callback_info info) {
  size_t argc = 9;
  napi_value argv[9];
  const FvModelApi *api;
  napi_get_cb_info(env, info, &argc, argv, NULL, (void **)&api);
  const char *fn = api->loss_and_grad;
  if (argc != 8 && argc != 9) return failf(env, fn, "takes 8 or 9 arguments");
  BatchArgs a;
  if (!batch_args(env, api, fn, argc, argv, &a)) return NULL;
  double sse = 0;
  if (a.n > 0 && !fv_loss_and_grad_parts(&a.m, a.P, a.n, a.x, a.t, a.y, (float)a.scale, a.grad, a.parts, &sse, NULL))
    return fv_napi_oom(env, "the activations and gradients of a training batch");
  if (a.n == 0) memset(a.grad, 0, sizeof(float) * a.lg);
  return number(env, sse);
}

/* trainStep(dims, freqs, params, x, t, target, scale, grad, parts, m, v, k: Float64Array(7), ema | null, emaC)
 * -> sum of squared errors: lossAndGrad in parts, then the sum of the parts and Adam in one pass over the pool. */
static napi_value js_train_step(napi_env env, napi_callback_info info) {
  size_t argc = 14;
  napi_value argv[14];
  const FvModelApi *api;
  napi_get_cb_info(env, info, &argc, argv, NULL, (void **)&api);
  const char *fn = api->train_step;
  if (argc != 14) return failf(env, fn, "takes 14 arguments");
  BatchArgs a;
  if (!batch_args(env, api, fn, argc, argv, &a)) return NULL;
  FvAdamStep adam = {a.P, NULL, NULL, NULL, NULL, 0};
  size_t lm, lv, lk, le = 0;
  if (!fv_napi_f32(env, argv[9], &adam.m, &lm) || !fv_napi_f32(env, argv[10], &adam.v, &lv) || !fv_napi_f64(env, argv[11], (double **)&adam.k, &lk) ||
      lk != 7 || napi_get_value_double(env, argv[13], &adam.emaC) != napi_ok)
    return failf(env, fn, "bad arguments");
  if (!fv_napi_nullish(env, argv[12]) && (!fv_napi_f32(env, argv[12], &adam.ema, &le) || le != a.lp))
    return failf(env, fn, "ema must be a Float32Array of the parameters' size, or null");
  if (lm != a.lp || lv != a.lp || a.n < 1) return failf(env, fn, "sizes do not match the architecture");
  double sse = 0;
  if (!fv_loss_and_grad_parts(&a.m, a.P, a.n, a.x, a.t, a.y, (float)a.scale, a.grad, a.parts, &sse, &adam))
    return fv_napi_oom(env, "the activations and gradients of a training batch");
  return number(env, sse);
}

/* forward(dims, freqs, params, x, t: Float32Array | number, out): rows spread over the pool's threads. */
static napi_value js_forward(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  const FvModelApi *api;
  napi_get_cb_info(env, info, &argc, argv, NULL, (void **)&api);
  const char *fn = api->forward;
  if (argc != 6) return failf(env, fn, "takes 6 arguments");
  FvModel m;
  float *P, *x, *t = NULL, *out;
  size_t lp, lx, lt = 0, lo;
  double ts = 0;
  if (!model_from(env, api, fn, argv[0], argv[1], &m)) return NULL;
  if (!fv_napi_f32(env, argv[2], &P, &lp) || !fv_napi_f32(env, argv[3], &x, &lx) || !fv_napi_f32(env, argv[5], &out, &lo))
    return failf(env, fn, "bad arguments");
  napi_valuetype vt;
  napi_typeof(env, argv[4], &vt);
  if (vt == napi_number) napi_get_value_double(env, argv[4], &ts);
  else if (!fv_napi_f32(env, argv[4], &t, &lt)) return failf(env, fn, "t must be a Float32Array or a number");
  int n = (int)(lx / m.in);
  if (lp != m.size || lx != (size_t)n * m.in || (t && lt != (size_t)n) || lo != (size_t)n * m.out)
    return failf(env, fn, "sizes do not match the architecture");
  if (n > 0 && !m.forward(&m, P, n, x, t, (float)ts, out)) return fv_napi_oom(env, "the activations of a prediction");
  return NULL;
}

void fv_napi_register_model(napi_env env, napi_value exports, const FvModelApi *api) {
  fv_napi_set_fn(env, exports, api->loss_and_grad, js_loss_and_grad, (void *)api);
  fv_napi_set_fn(env, exports, api->forward, js_forward, (void *)api);
  fv_napi_set_fn(env, exports, api->train_step, js_train_step, (void *)api);
}
