/*
 * The residual MLP (model.architecture=resmlp) in C for the `native` backend: the same maths as
 * src/model/tfjs-resnet.ts, on the kernels of fv_kernels.h.
 *   h0 = [x, sin(kπt)…, cos(kπt)…] (width w),  h_{b+1} = h_b + SiLU(h_b·W_b) (no bias),  v = h_B·W_out + b_out.
 * Parameters, flat float32: the block kernels [w×w] row-major, the output kernel [w×d], the output bias [d].
 * Weight gradients read the activations transposed in place (fv_gemm_at).
 * dims = [dataDim, width, nBlocks]; freqs = kπ, k = 1…(w − d)/2. Registered on the addon by fv_mlp.c's init as
 * resLossAndGrad and resForward, with the signatures of lossAndGrad and forward.
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fv_kernels.h"

#define RES_MAX_BLOCKS 256
#define RES_MAX_PARTS 64

typedef struct {
  int d, w, blocks;
} Res;

static size_t res_size(const Res *r) {
  return (size_t)r->blocks * r->w * r->w + (size_t)r->w * r->d + r->d;
}
static size_t res_out_k(const Res *r) {
  return (size_t)r->blocks * r->w * r->w;
}

/* Rows [x, sin(t·f), cos(t·f)] for n rows; t per row, or tScalar for all when t is NULL. 0 when out of memory. */
static int res_embed(const Res *r, int n, const float *x, const float *t, float tScalar, const float *freqs, float *h) {
  int d = r->d, w = r->w, half = (w - d) / 2;
  size_t na = (size_t)n * half;
  float *arg = malloc(sizeof(float) * na * 3);
  if (!arg) return 0;
  for (int i = 0; i < n; i++)
    for (int k = 0; k < half; k++) arg[(size_t)i * half + k] = (t ? t[i] : tScalar) * freqs[k];
  float *sc = arg + na;
  fv_sincos(na, arg, sc);
  for (int i = 0; i < n; i++) {
    float *o = h + (size_t)i * w;
    for (int k = 0; k < d; k++) o[k] = x[(size_t)i * d + k];
    memcpy(o + d, sc + (size_t)i * half, sizeof(float) * half);
    memcpy(o + d + half, sc + na + (size_t)i * half, sizeof(float) * half);
  }
  free(arg);
  return 1;
}

/* Sum of squared errors of n rows into *sse, and its gradient times `scale` into grad. 0 when out of memory. */
static int res_loss_and_grad(const Res *r, const float *freqs, const float *P, int n, const float *x, const float *t,
                             const float *y, float scale, float *grad, double *sse_out) {
  int d = r->d, w = r->w, B = r->blocks;
  size_t nw = (size_t)n * w, ww = (size_t)w * w;
  size_t trsz = ww; /* the transposed block kernel (activations are read transposed in place by fv_gemm_at) */
  /* h[0..B], s[0..B-1] (sigmoid), a[0..B-1] (SiLU output), then gh, gz, tmp (n×w), g and out (n×d), tr. */
  float *buf = malloc(sizeof(float) * ((size_t)(3 * B + 4) * nw + 2 * (size_t)n * d + trsz));
  if (!buf) return 0;
  float *h = buf, *s = h + (size_t)(B + 1) * nw, *a = s + (size_t)B * nw, *gh = a + (size_t)B * nw, *gz = gh + nw,
        *tmp = gz + nw, *g = tmp + nw, *out = g + (size_t)n * d, *tr = out + (size_t)n * d;
  if (!res_embed(r, n, x, t, 0, freqs, h)) {
    free(buf);
    return 0;
  }
  for (int b = 0; b < B; b++) {
    float *hb = h + (size_t)b * nw, *ab = a + (size_t)b * nw, *hn = hb + nw;
    fv_gemm(n, w, w, hb, P + (size_t)b * ww, NULL, ab);
    fv_silu(nw, s + (size_t)b * nw, ab);
    for (size_t i = 0; i < nw; i++) hn[i] = hb[i] + ab[i];
  }
  const float *Wo = P + res_out_k(r), *bo = Wo + (size_t)w * d;
  float *hB = h + (size_t)B * nw;
  fv_gemm(n, w, d, hB, Wo, bo, out);
  double sse = 0;
  for (size_t k = 0; k < (size_t)n * d; k++) {
    float diff = out[k] - y[k];
    sse += (double)diff * diff;
    g[k] = diff * scale;
  }
  float *gWo = grad + res_out_k(r), *gbo = gWo + (size_t)w * d;
  fv_gemm_at(w, n, d, hB, g, NULL, gWo);
  for (int j = 0; j < d; j++) gbo[j] = 0;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < d; j++) gbo[j] += g[(size_t)i * d + j];
  fv_transpose(w, d, Wo, tr);
  fv_gemm(n, d, w, g, tr, NULL, gh);
  for (int b = B - 1; b >= 0; b--) {
    /* gz = gh ⊙ SiLU'(z_b); dW_b = h_bᵀ gz; the skip passes gh on, the block adds gz·W_bᵀ. */
    memcpy(gz, gh, sizeof(float) * nw);
    fv_silu_grad(nw, gz, s + (size_t)b * nw, a + (size_t)b * nw);
    fv_gemm_at(w, n, w, h + (size_t)b * nw, gz, NULL, grad + (size_t)b * ww);
    if (b == 0) break;
    fv_transpose(w, w, P + (size_t)b * ww, tr);
    fv_gemm(n, w, w, gz, tr, NULL, tmp);
    for (size_t i = 0; i < nw; i++) gh[i] += tmp[i];
  }
  free(buf);
  *sse_out = sse;
  return 1;
}

/* ---- the batch in parts over the pool, partial gradients summed in part order (as fv_mlp.c does) ---- */

typedef struct {
  const Res *r;
  const float *freqs, *P, *x, *t, *y;
  float scale;
  int n, parts;
  float *grad, *extra;
  size_t size;
  double sse[RES_MAX_PARTS];
  int ok[RES_MAX_PARTS];
} ResGradJob;

static void res_grad_task(void *ctx, int k) {
  ResGradJob *j = ctx;
  int a = (int)((long long)k * j->n / j->parts), b = (int)((long long)(k + 1) * j->n / j->parts), d = j->r->d;
  float *g = k == 0 ? j->grad : j->extra + (size_t)(k - 1) * j->size;
  if (b == a) {
    memset(g, 0, sizeof(float) * j->size);
    j->sse[k] = 0;
    j->ok[k] = 1;
    return;
  }
  j->ok[k] = res_loss_and_grad(j->r, j->freqs, j->P, b - a, j->x + (size_t)a * d, j->t + a, j->y + (size_t)a * d, j->scale, g, &j->sse[k]);
}

#define RES_SUM_SLICES 8
static void res_sum_task(void *ctx, int k) {
  ResGradJob *j = ctx;
  size_t a = (size_t)k * j->size / RES_SUM_SLICES, b = (size_t)(k + 1) * j->size / RES_SUM_SLICES;
  for (int p = 1; p < j->parts; p++) {
    const float *src = j->extra + (size_t)(p - 1) * j->size;
    for (size_t i = a; i < b; i++) j->grad[i] += src[i];
  }
}

static int res_loss_and_grad_parts(const Res *r, const float *freqs, const float *P, int n, const float *x, const float *t,
                                   const float *y, float scale, float *grad, int parts, double *sse) {
  ResGradJob j = {r, freqs, P, x, t, y, scale, n, parts, grad, NULL, res_size(r), {0}, {0}};
  if (parts > 1 && !(j.extra = malloc(sizeof(float) * j.size * (parts - 1)))) return 0;
  fv_parallel_for(parts, res_grad_task, &j);
  int ok = 1;
  for (int k = 0; k < parts; k++) ok &= j.ok[k];
  if (ok && parts > 1) fv_parallel_for(RES_SUM_SLICES, res_sum_task, &j);
  free(j.extra);
  double s = 0;
  for (int k = 0; k < parts; k++) s += j.sse[k];
  *sse = s;
  return ok;
}

/* ---- v(x, t) in blocks of rows over the pool ---- */

#define RES_ROWS 64

typedef struct {
  const Res *r;
  const float *freqs, *P, *x, *t;
  float ts;
  int n;
  float *out;
  int oom;
} ResFwdJob;

static void res_forward_task(void *ctx, int task) {
  ResFwdJob *j = ctx;
  const Res *r = j->r;
  int d = r->d, w = r->w;
  int r0 = task * RES_ROWS, m = j->n - r0 < RES_ROWS ? j->n - r0 : RES_ROWS;
  float *h = malloc(sizeof(float) * (size_t)2 * m * w);
  if (!h || !res_embed(r, m, j->x + (size_t)r0 * d, j->t ? j->t + r0 : NULL, j->ts, j->freqs, h)) {
    free(h);
    __atomic_store_n(&j->oom, 1, __ATOMIC_RELAXED);
    return;
  }
  float *z = h + (size_t)m * w;
  size_t mw = (size_t)m * w;
  for (int b = 0; b < r->blocks; b++) {
    fv_gemm(m, w, w, h, j->P + (size_t)b * w * w, NULL, z);
    fv_silu(mw, NULL, z);
    for (size_t i = 0; i < mw; i++) h[i] += z[i];
  }
  const float *Wo = j->P + res_out_k(r);
  fv_gemm(m, w, d, h, Wo, Wo + (size_t)w * d, j->out + (size_t)r0 * d);
  free(h);
}

/* ---- Node-API glue ---- */

static int res_f32(napi_env env, napi_value v, float **data, size_t *len) {
  napi_typedarray_type type;
  napi_value ab;
  size_t off;
  return napi_get_typedarray_info(env, v, &type, len, (void **)data, &ab, &off) == napi_ok && type == napi_float32_array;
}

static napi_value res_fail(napi_env env, const char *msg) {
  napi_throw_type_error(env, NULL, msg);
  return NULL;
}

static napi_value res_oom(napi_env env, const char *what) {
  char msg[200];
  snprintf(msg, sizeof msg, "native backend: out of memory (%s); free memory or use smaller batches (training.batch_size)", what);
  napi_throw_error(env, "FV_NATIVE_OOM", msg);
  return NULL;
}

/* dims = [dataDim, width, nBlocks] and freqs of (width − dataDim)/2; 0 with a thrown error when they are wrong. */
static int res_from(napi_env env, napi_value dimsV, napi_value freqsV, Res *r, float **freqs) {
  napi_typedarray_type type;
  size_t len, off, lf;
  int32_t *dims;
  napi_value ab;
  if (napi_get_typedarray_info(env, dimsV, &type, &len, (void **)&dims, &ab, &off) != napi_ok || type != napi_int32_array || len != 3) {
    res_fail(env, "resmlp: dims must be an Int32Array [dataDim, width, nBlocks]");
    return 0;
  }
  r->d = dims[0], r->w = dims[1], r->blocks = dims[2];
  if (r->d < 1 || r->w <= r->d || (r->w - r->d) % 2 || r->blocks < 1 || r->blocks > RES_MAX_BLOCKS) {
    res_fail(env, "resmlp: bad dims");
    return 0;
  }
  if (!res_f32(env, freqsV, freqs, &lf) || lf * 2 != (size_t)(r->w - r->d)) {
    res_fail(env, "resmlp: freqs must be a Float32Array of (width - dataDim)/2");
    return 0;
  }
  return 1;
}

/* resLossAndGrad(dims, freqs, params, x, t, target, scale, grad[, parts]) -> sum of squared errors. */
static napi_value js_res_loss_and_grad(napi_env env, napi_callback_info info) {
  size_t argc = 9;
  napi_value argv[9];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc != 8 && argc != 9) return res_fail(env, "resLossAndGrad takes 8 or 9 arguments");
  Res r;
  float *freqs, *P, *x, *t, *y, *grad;
  size_t lp, lx, lt, ly, lg;
  double scale;
  int parts = 1;
  if (!res_from(env, argv[0], argv[1], &r, &freqs)) return NULL;
  if (!res_f32(env, argv[2], &P, &lp) || !res_f32(env, argv[3], &x, &lx) || !res_f32(env, argv[4], &t, &lt) || !res_f32(env, argv[5], &y, &ly) ||
      !res_f32(env, argv[7], &grad, &lg) || napi_get_value_double(env, argv[6], &scale) != napi_ok)
    return res_fail(env, "resLossAndGrad: bad arguments");
  if (argc == 9 && (napi_get_value_int32(env, argv[8], &parts) != napi_ok || parts < 1 || parts > RES_MAX_PARTS))
    return res_fail(env, "resLossAndGrad: parts must be an integer from 1 to 64");
  int n = (int)lt;
  if (lp != res_size(&r) || lg != lp || lx != (size_t)n * r.d || ly != (size_t)n * r.d) return res_fail(env, "resLossAndGrad: sizes do not match the architecture");
  double sse = 0;
  if (n > 0 && !res_loss_and_grad_parts(&r, freqs, P, n, x, t, y, (float)scale, grad, parts, &sse))
    return res_oom(env, "the activations and gradients of a training batch");
  if (n == 0) memset(grad, 0, sizeof(float) * lg);
  napi_value res;
  napi_create_double(env, sse, &res);
  return res;
}

/* resForward(dims, freqs, params, x, t: Float32Array | number, out): rows spread over the pool. */
static napi_value js_res_forward(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc != 6) return res_fail(env, "resForward takes 6 arguments");
  Res r;
  float *freqs, *P, *x, *t = NULL, *out;
  size_t lp, lx, lt = 0, lo;
  double ts = 0;
  if (!res_from(env, argv[0], argv[1], &r, &freqs)) return NULL;
  if (!res_f32(env, argv[2], &P, &lp) || !res_f32(env, argv[3], &x, &lx) || !res_f32(env, argv[5], &out, &lo)) return res_fail(env, "resForward: bad arguments");
  napi_valuetype vt;
  napi_typeof(env, argv[4], &vt);
  if (vt == napi_number) napi_get_value_double(env, argv[4], &ts);
  else if (!res_f32(env, argv[4], &t, &lt)) return res_fail(env, "resForward: t must be a Float32Array or a number");
  int n = (int)(lx / r.d);
  if (lp != res_size(&r) || (t && lt != (size_t)n) || lo != (size_t)n * r.d) return res_fail(env, "resForward: sizes do not match the architecture");
  ResFwdJob j = {&r, freqs, P, x, t, (float)ts, n, out, 0};
  if (n > 0) fv_parallel_for((n + RES_ROWS - 1) / RES_ROWS, res_forward_task, &j);
  if (j.oom) return res_oom(env, "the activations of a prediction");
  return NULL;
}

/* Adds resLossAndGrad and resForward to the addon's exports (called from fv_mlp.c's module init). */
void fv_resmlp_register(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "resLossAndGrad", NAPI_AUTO_LENGTH, js_res_loss_and_grad, NULL, &fn);
  napi_set_named_property(env, exports, "resLossAndGrad", fn);
  napi_create_function(env, "resForward", NAPI_AUTO_LENGTH, js_res_forward, NULL, &fn);
  napi_set_named_property(env, exports, "resForward", fn);
}
