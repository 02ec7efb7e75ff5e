/*
 * The MLP's Jacobian ∂v/∂x in C, for likelihood (the divergence is its trace): the forward pass at one time for all
 * rows, carrying d tangents beside the activations (forward mode: one Jacobian-vector product per input direction,
 * exact). Same maths as src/model/tfjs-jacobian.ts. Layer 0's tangent along x_j is row j of its kernel; a hidden
 * layer multiplies each tangent by SiLU'(z) = s + h − h·s; the output layer's tangents are the Jacobian's columns.
 * Each block of rows stacks [h; tangent 1; …; tangent d] so that one product per layer serves all of them.
 * Parameters and dims as fv_mlp.c: dims = [input row width, nLayers, inDim, out_0 … out_{L−1}]. A row is the point
 * (d numbers, the output's dimension), or with Fourier features [x, sin(2π·B·x), cos(2π·B·x)], then a conditional
 * model's condition (constant along x: no tangent of its own). Without features layer 0's tangent along x_j is row
 * j of W0; with them the caller passes each row's seeds dx (∂row/∂x_j, src/model/fourier-features.ts, 0 on the
 * condition) and the tangent is dx_j·W0 (the chain rule through the features).
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fv_kernels.h"

#define JAC_MAX_LAYERS 64
#define JAC_ROWS 64

typedef struct {
  int din, d, L; /* floats per input row; the point's (and the output's) dimension */
  int dims[JAC_MAX_LAYERS + 1];
  size_t kOff[JAC_MAX_LAYERS], bOff[JAC_MAX_LAYERS];
  size_t total;
} JacNet;

static int jac_net(const int32_t *a, size_t len, JacNet *net) {
  if (len < 3) return 0;
  net->din = a[0];
  net->L = a[1];
  if (net->L < 1 || net->L > JAC_MAX_LAYERS || len != (size_t)net->L + 3 || net->din < 1) return 0;
  size_t off = 0;
  for (int i = 0; i <= net->L; i++)
    if ((net->dims[i] = a[2 + i]) < 1) return 0;
  net->d = net->dims[net->L];
  if (net->dims[0] < net->din || (net->dims[0] - net->din) % 2 || net->din < net->d) return 0;
  for (int i = 0; i < net->L; i++) {
    net->kOff[i] = off;
    off += (size_t)net->dims[i] * net->dims[i + 1];
    net->bOff[i] = off;
    off += net->dims[i + 1];
  }
  net->total = off;
  return 1;
}

typedef struct {
  const JacNet *net;
  const float *P, *x, *c; /* c: layer 0's bias with the time embedding folded in */
  const float *dx;        /* NULL (rows are the point), or per row and coordinate j the row's derivative along x_j */
  int n;
  float *v, *jac;
  int oom;
} JacJob;

static void jac_task(void *ctx, int task) {
  JacJob *j = ctx;
  const JacNet *net = j->net;
  int L = net->L, d = net->d, din = net->din, maxd = 0;
  for (int i = 1; i <= L; i++) if (net->dims[i] > maxd) maxd = net->dims[i];
  size_t blk = (size_t)(1 + d) * JAC_ROWS * maxd;
  float *a = fv_alloc(sizeof(float) * blk * 2);
  if (!a) {
    __atomic_store_n(&j->oom, 1, __ATOMIC_RELAXED);
    return;
  }
  float *b = a + blk;
  int r0 = task * JAC_ROWS, m = j->n - r0 < JAC_ROWS ? j->n - r0 : JAC_ROWS;
  const float *W0 = j->P + net->kOff[0];
  int o = net->dims[1];
  /* Layer 0: z = row·W0[:din] + c; tangent j = row j of W0 for every row, or dx_j·W0[:din] with seeds. */
  fv_gemm(m, din, o, j->x + (size_t)r0 * din, W0, j->c, a);
  for (int t = 0; t < d; t++)
    for (int r = 0; r < m; r++) {
      float *dst = a + ((size_t)(1 + t) * m + r) * o;
      if (j->dx) fv_gemm(1, din, o, j->dx + ((size_t)(r0 + r) * d + t) * din, W0, NULL, dst);
      else memcpy(dst, W0 + (size_t)t * o, sizeof(float) * o);
    }
  float *cur = a, *nxt = b;
  for (int i = 1; i < L; i++) {
    int w = net->dims[i];
    /* h = SiLU(z), tangents ·= SiLU'(z) = s + h − h·s. */
    for (size_t k = 0; k < (size_t)m * w; k++) {
      float z = cur[k], s = 1.0f / (1.0f + expf(-z)), h = z * s, g = s + h - h * s;
      cur[k] = h;
      for (int t = 1; t <= d; t++) cur[(size_t)t * m * w + k] *= g;
    }
    int on = net->dims[i + 1];
    fv_gemm(m, w, on, cur, j->P + net->kOff[i], j->P + net->bOff[i], nxt);
    fv_gemm(d * m, w, on, cur + (size_t)m * w, j->P + net->kOff[i], NULL, nxt + (size_t)m * on);
    float *tmp = cur; cur = nxt; nxt = tmp;
  }
  memcpy(j->v + (size_t)r0 * d, cur, sizeof(float) * (size_t)m * d);
  for (int t = 0; t < d; t++)
    for (int r = 0; r < m; r++)
      for (int k = 0; k < d; k++) j->jac[((size_t)(r0 + r) * d + k) * d + t] = cur[((size_t)(1 + t) * m + r) * d + k];
  free(a);
}

/* Layer 0's bias with the time embedding at ts folded in (the same for every row); NULL out of memory. */
static float *jac_time_bias(const JacNet *net, const float *P, const float *freqs, float ts) {
  int half = (net->dims[0] - net->din) / 2, o1 = net->dims[1], r = net->din;
  float *c = fv_alloc(sizeof(float) * o1);
  if (!c) return NULL;
  const float *W0 = P + net->kOff[0];
  for (int k = 0; k < o1; k++) c[k] = P[net->bOff[0] + k];
  for (int k = 0; k < half; k++) {
    float arg = ts * freqs[k], sn = sinf(arg), cs = cosf(arg);
    for (int q = 0; q < o1; q++) c[q] += sn * W0[(size_t)(r + k) * o1 + q] + cs * W0[(size_t)(r + half + k) * o1 + q];
  }
  return c;
}

static napi_value jac_fail(napi_env env, const char *msg) {
  napi_throw_type_error(env, NULL, msg);
  return NULL;
}

static int jac_f32(napi_env env, napi_value v, float **data, size_t *len) {
  napi_typedarray_type type;
  napi_value ab;
  size_t off;
  return napi_get_typedarray_info(env, v, &type, len, (void **)data, &ab, &off) == napi_ok && type == napi_float32_array;
}

/* jacobian(dims, freqs, params, x, t: number, v, jac[, dx]): rows in blocks over the pool's threads. */
static napi_value js_jacobian(napi_env env, napi_callback_info info) {
  size_t argc = 8;
  napi_value argv[8];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc != 7 && argc != 8) return jac_fail(env, "jacobian takes 7 or 8 arguments");
  napi_typedarray_type type;
  napi_value ab;
  size_t off, dlen, lf, lp, lx, lv, lj, ldx = 0;
  int32_t *dims;
  float *freqs, *P, *x, *v, *jac, *dx = NULL;
  double ts;
  if (napi_get_typedarray_info(env, argv[0], &type, &dlen, (void **)&dims, &ab, &off) != napi_ok || type != napi_int32_array)
    return jac_fail(env, "jacobian: dims must be an Int32Array");
  JacNet net;
  if (!jac_net(dims, dlen, &net)) return jac_fail(env, "jacobian: bad dims");
  if (!jac_f32(env, argv[1], &freqs, &lf) || !jac_f32(env, argv[2], &P, &lp) || !jac_f32(env, argv[3], &x, &lx) ||
      napi_get_value_double(env, argv[4], &ts) != napi_ok || !jac_f32(env, argv[5], &v, &lv) || !jac_f32(env, argv[6], &jac, &lj))
    return jac_fail(env, "jacobian: bad arguments");
  if (argc == 8 && !jac_f32(env, argv[7], &dx, &ldx)) return jac_fail(env, "jacobian: dx must be a Float32Array");
  int d = net.d, din = net.din, half = (net.dims[0] - din) / 2;
  size_t n = lx / din;
  if (lp != net.total || (int)lf != half || lx % din || lv != n * d || lj != n * d * d || (dx && ldx != n * d * din))
    return jac_fail(env, "jacobian: sizes do not match the architecture");
  float *c = jac_time_bias(&net, P, freqs, (float)ts);
  if (!c) {
    napi_throw_error(env, "FV_NATIVE_OOM", "out of memory for the Jacobian");
    return NULL;
  }
  JacJob job = {&net, P, x, c, dx, (int)n, v, jac, 0};
  if (n > 0) fv_parallel_for((int)((n + JAC_ROWS - 1) / JAC_ROWS), jac_task, &job);
  free(c);
  if (job.oom) {
    napi_throw_error(env, "FV_NATIVE_OOM", "out of memory for the Jacobian's activations");
    return NULL;
  }
  return NULL;
}

void fv_jacobian_register(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "jacobian", NAPI_AUTO_LENGTH, js_jacobian, NULL, &fn);
  napi_set_named_property(env, exports, "jacobian", fn);
}
