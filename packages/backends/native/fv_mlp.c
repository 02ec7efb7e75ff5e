/*
 * The MLP velocity model's arithmetic in C, for the optional `native` backend: forward, hand-written backward
 * (same maths as src/model/tfjs-net.ts) and the matrix products, as a Node-API addon. Built by
 * scripts/build-native.mjs with the machine's own instruction set (-march=native); with AVX-512 the products use
 * a 6×32 register-tiled kernel (~150-200 GFLOP/s a core, against ~16 for tfjs-wasm's XNNPACK), with AVX2+FMA a
 * 6×16 one, elsewhere a plain loop the compiler vectorises. Parameters: flat float32, per layer kernel [in×out] row-major then bias.
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fv_kernels.h"

#define MAX_LAYERS 64

typedef struct {
  int dataDim, nLayers;
  int dims[MAX_LAYERS + 1];
  size_t kOff[MAX_LAYERS], bOff[MAX_LAYERS];
} Net;

static int net_from(const int32_t *d, size_t len, Net *net) {
  if (len < 3) return 0;
  net->dataDim = d[0];
  net->nLayers = d[1];
  if (net->nLayers < 1 || net->nLayers > MAX_LAYERS || len != (size_t)net->nLayers + 3) return 0;
  size_t off = 0;
  for (int i = 0; i <= net->nLayers; i++) net->dims[i] = d[2 + i];
  for (int i = 0; i < net->nLayers; i++) {
    net->kOff[i] = off;
    off += (size_t)net->dims[i] * net->dims[i + 1];
    net->bOff[i] = off;
    off += net->dims[i + 1];
  }
  return 1;
}

static size_t net_size(const Net *net) {
  return net->bOff[net->nLayers - 1] + net->dims[net->nLayers];
}

/* Input rows [x, sin(t·f), cos(t·f)]. */
static void embed(const Net *net, int n, const float *x, const float *t, const float *freqs, float *h) {
  int d = net->dataDim, w = net->dims[0], half = (w - d) / 2;
  for (int r = 0; r < n; r++) {
    float *o = h + (size_t)r * w;
    for (int k = 0; k < d; k++) o[k] = x[(size_t)r * d + k];
    for (int k = 0; k < half; k++) {
      float a = t[r] * freqs[k];
      o[d + k] = sinf(a);
      o[d + half + k] = cosf(a);
    }
  }
}

#define gemm fv_gemm
#define transpose fv_transpose
#define silu fv_silu /* in native/fv_act.c: compiled with -ffast-math so that expf is vectorised (glibc libmvec) */

/* Sum of squared errors over the n rows; the gradient of scale·(that sum)/2·2 = scale·Σ diff ∂out into grad. */
static double loss_and_grad(const Net *net, const float *freqs, const float *P, int n, const float *x, const float *t,
                            const float *y, float scale, float *grad) {
  int L = net->nLayers, maxd = 0;
  size_t acts = 0;
  for (int i = 0; i <= L; i++) {
    acts += (size_t)n * net->dims[i];
    if (net->dims[i] > maxd) maxd = net->dims[i];
  }
  /* h[i]: input of layer i (i = 0..L-1), s[i]: sigmoid of layer i's pre-activation. */
  float *hbuf = malloc(sizeof(float) * acts), *sbuf = malloc(sizeof(float) * acts);
  float *g = malloc(sizeof(float) * (size_t)n * maxd), *g2 = malloc(sizeof(float) * (size_t)n * maxd);
  float *tr = malloc(sizeof(float) * (size_t)maxd * (maxd > n ? maxd : n));
  float *h[MAX_LAYERS + 1], *s[MAX_LAYERS + 1];
  size_t off = 0;
  for (int i = 0; i <= L; i++) {
    h[i] = hbuf + off;
    s[i] = sbuf + off;
    off += (size_t)n * net->dims[i];
  }
  embed(net, n, x, t, freqs, h[0]);
  for (int i = 0; i < L; i++) {
    gemm(n, net->dims[i], net->dims[i + 1], h[i], P + net->kOff[i], P + net->bOff[i], h[i + 1]);
    if (i < L - 1) silu((size_t)n * net->dims[i + 1], s[i + 1], h[i + 1]);
  }
  int dout = net->dims[L];
  double sse = 0;
  for (size_t k = 0; k < (size_t)n * dout; k++) {
    float diff = h[L][k] - y[k];
    sse += (double)diff * diff;
    g[k] = diff * scale;
  }
  for (int i = L - 1; i >= 0; i--) {
    int din = net->dims[i], dn = net->dims[i + 1];
    transpose(n, din, h[i], tr);
    gemm(din, n, dn, tr, g, NULL, grad + net->kOff[i]);
    float *db = grad + net->bOff[i];
    for (int j = 0; j < dn; j++) db[j] = 0;
    for (int r = 0; r < n; r++)
      for (int j = 0; j < dn; j++) db[j] += g[(size_t)r * dn + j];
    if (i == 0) break;
    transpose(din, dn, P + net->kOff[i], tr);
    gemm(n, dn, din, g, tr, NULL, g2);
    /* SiLU'(z) = s (1 + z (1 - s)) = s + h - h s, with h = z s the layer's output. */
    const float *si = s[i], *hi = h[i];
    for (size_t k = 0; k < (size_t)n * din; k++) g2[k] *= si[k] + hi[k] - hi[k] * si[k];
    float *tmp = g; g = g2; g2 = tmp;
  }
  free(hbuf); free(sbuf); free(g); free(g2); free(tr);
  return sse;
}

/* v(x, t) for n rows, in blocks of rows that stay in cache; t per row, or tScalar for all when t is NULL. */
static void forward(const Net *net, const float *freqs, const float *P, int n, const float *x, const float *t, float tScalar, float *out) {
  const int B = 96; /* rows per block: the activations stay in L1/L2 (measured: 96 beat 192…768) */
  int L = net->nLayers, d = net->dataDim, maxd = 0;
  for (int i = 0; i <= L; i++) if (net->dims[i] > maxd) maxd = net->dims[i];
  float *a = malloc(sizeof(float) * (size_t)B * maxd), *b = malloc(sizeof(float) * (size_t)B * maxd);
  float *c = malloc(sizeof(float) * net->dims[1]);
  if (!t) {
    /* One time for all rows: emb(t)·W0[d:] + b0 is the same for every row; fold it into the first bias. */
    int w = net->dims[0], half = (w - d) / 2, o1 = net->dims[1];
    const float *W0 = P + net->kOff[0];
    for (int j = 0; j < o1; j++) c[j] = P[net->bOff[0] + j];
    for (int k = 0; k < half; k++) {
      float arg = tScalar * freqs[k], sn = sinf(arg), cs = cosf(arg);
      for (int j = 0; j < o1; j++) c[j] += sn * W0[(size_t)(d + k) * o1 + j] + cs * W0[(size_t)(d + half + k) * o1 + j];
    }
  }
  for (int r0 = 0; r0 < n; r0 += B) {
    int m = n - r0 < B ? n - r0 : B;
    float *cur, *nxt;
    int first;
    if (t) {
      embed(net, m, x + (size_t)r0 * d, t + r0, freqs, a);
      cur = a; nxt = b; first = 0;
    } else {
      gemm(m, d, net->dims[1], x + (size_t)r0 * d, P + net->kOff[0], c, a);
      if (L > 1) silu((size_t)m * net->dims[1], NULL, a);
      cur = a; nxt = b; first = 1;
      if (L == 1) { memcpy(out + (size_t)r0 * net->dims[1], a, sizeof(float) * (size_t)m * net->dims[1]); continue; }
    }
    for (int i = first; i < L; i++) {
      float *dst = i == L - 1 ? out + (size_t)r0 * net->dims[L] : nxt;
      gemm(m, net->dims[i], net->dims[i + 1], cur, P + net->kOff[i], P + net->bOff[i], dst);
      if (i < L - 1) {
        silu((size_t)m * net->dims[i + 1], NULL, dst);
        float *tmp = cur; cur = nxt; nxt = tmp;
      }
    }
  }
  free(a); free(b); free(c);
}

/* ---- Node-API glue ---- */

static napi_status f32(napi_env env, napi_value v, float **data, size_t *len) {
  napi_typedarray_type type;
  napi_value ab;
  size_t off;
  napi_status st = napi_get_typedarray_info(env, v, &type, len, (void **)data, &ab, &off);
  if (st != napi_ok) return st;
  return type == napi_float32_array ? napi_ok : napi_invalid_arg;
}

static napi_value fail(napi_env env, const char *msg) {
  napi_throw_type_error(env, NULL, msg);
  return NULL;
}

/* lossAndGrad(dims: Int32Array, freqs, params, x, t, target, scale: number, grad) -> sum of squared errors */
static napi_value js_loss_and_grad(napi_env env, napi_callback_info info) {
  size_t argc = 8;
  napi_value argv[8];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc != 8) return fail(env, "lossAndGrad takes 8 arguments");
  napi_typedarray_type type;
  size_t dlen, off, lf, lp, lx, lt, ly, lg;
  int32_t *dims;
  napi_value ab;
  float *freqs, *P, *x, *t, *y, *grad;
  double scale;
  if (napi_get_typedarray_info(env, argv[0], &type, &dlen, (void **)&dims, &ab, &off) != napi_ok || type != napi_int32_array) return fail(env, "dims must be an Int32Array");
  Net net;
  if (!net_from(dims, dlen, &net)) return fail(env, "bad dims");
  if (f32(env, argv[1], &freqs, &lf) || f32(env, argv[2], &P, &lp) || f32(env, argv[3], &x, &lx) || f32(env, argv[4], &t, &lt) ||
      f32(env, argv[5], &y, &ly) || f32(env, argv[7], &grad, &lg) || napi_get_value_double(env, argv[6], &scale) != napi_ok)
    return fail(env, "lossAndGrad: bad arguments");
  int n = (int)lt;
  if (lp != net_size(&net) || lg != lp || lx != (size_t)n * net.dataDim || ly != (size_t)n * net.dims[net.nLayers] || lf * 2 != (size_t)(net.dims[0] - net.dataDim))
    return fail(env, "lossAndGrad: sizes do not match the architecture");
  double sse = n > 0 ? loss_and_grad(&net, freqs, P, n, x, t, y, (float)scale, grad) : 0;
  napi_value res;
  napi_create_double(env, sse, &res);
  return res;
}

/* forward(dims, freqs, params, x, t: Float32Array | number, out) */
static napi_value js_forward(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc != 6) return fail(env, "forward takes 6 arguments");
  napi_typedarray_type type;
  size_t dlen, off, lf, lp, lx, lt = 0, lo;
  int32_t *dims;
  napi_value ab;
  float *freqs, *P, *x, *t = NULL, *out;
  double ts = 0;
  if (napi_get_typedarray_info(env, argv[0], &type, &dlen, (void **)&dims, &ab, &off) != napi_ok || type != napi_int32_array) return fail(env, "dims must be an Int32Array");
  Net net;
  if (!net_from(dims, dlen, &net)) return fail(env, "bad dims");
  if (f32(env, argv[1], &freqs, &lf) || f32(env, argv[2], &P, &lp) || f32(env, argv[3], &x, &lx) || f32(env, argv[5], &out, &lo))
    return fail(env, "forward: bad arguments");
  napi_valuetype vt;
  napi_typeof(env, argv[4], &vt);
  if (vt == napi_number) napi_get_value_double(env, argv[4], &ts);
  else if (f32(env, argv[4], &t, &lt)) return fail(env, "forward: t must be a Float32Array or a number");
  int n = (int)(lx / net.dataDim);
  if (lp != net_size(&net) || (t && lt != (size_t)n) || lo != (size_t)n * net.dims[net.nLayers] || lf * 2 != (size_t)(net.dims[0] - net.dataDim))
    return fail(env, "forward: sizes do not match the architecture");
  if (n > 0) forward(&net, freqs, P, n, x, t, (float)ts, out);
  return NULL;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "lossAndGrad", NAPI_AUTO_LENGTH, js_loss_and_grad, NULL, &fn);
  napi_set_named_property(env, exports, "lossAndGrad", fn);
  napi_create_function(env, "forward", NAPI_AUTO_LENGTH, js_forward, NULL, &fn);
  napi_set_named_property(env, exports, "forward", fn);
  napi_value isa;
#ifdef __AVX512F__
  napi_create_string_utf8(env, "avx512", NAPI_AUTO_LENGTH, &isa);
#elif defined(__AVX2__) && defined(__FMA__)
  napi_create_string_utf8(env, "avx2", NAPI_AUTO_LENGTH, &isa);
#else
  napi_create_string_utf8(env, "generic", NAPI_AUTO_LENGTH, &isa);
#endif
  napi_set_named_property(env, exports, "isa", isa);
  return exports;
}
