/*
 * The residual MLP (model.architecture=resmlp) in C for the `native` backend: the same maths as
 * src/model/tfjs-resnet.ts, on the kernels of fv_kernels.h.
 *   h0 = [x, sin(kπt)…, cos(kπt)…] (width w),  h_{b+1} = h_b + SiLU(h_b·W_b) (no bias),  v = h_B·W_out + b_out.
 * Parameters, flat float32: the block kernels [w×w] row-major, the output kernel [w×d], the output bias [d].
 * Weight gradients read the activations transposed in place (fv_gemm_at).
 * dims = [dataDim, width, nBlocks]; freqs = kπ, k = 1…(w − d)/2. On the addon as resLossAndGrad, resForward and
 * resTrainStep (fv_addon.c), with the signatures of the MLP's.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fv_kernels.h"
#include "fv_resmlp.h"

#define RES_MAX_BLOCKS 256

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
static int res_loss_and_grad(const FvModel *m, const float *P, int n, const float *x, const float *t, const float *y, float scale,
                             float *grad, double *sse_out) {
  const Res *r = (const Res *)m->layout;
  const float *freqs = m->freqs;
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


static int res_forward(const FvModel *m, const float *P, int n, const float *x, const float *t, float ts, float *out) {
  ResFwdJob j = {(const Res *)m->layout, m->freqs, P, x, t, ts, n, out, 0};
  fv_parallel_for((n + RES_ROWS - 1) / RES_ROWS, res_forward_task, &j);
  return !j.oom;
}

_Static_assert(sizeof(Res) <= FV_LAYOUT_BYTES, "Res fits in FvModel.layout");

const char *fv_resmlp_from(const int32_t *dims, size_t ndims, const float *freqs, size_t nfreqs, FvModel *m) {
  Res *r = (Res *)m->layout;
  if (ndims != 3) return "dims must be an Int32Array [dataDim, width, nBlocks]";
  r->d = dims[0], r->w = dims[1], r->blocks = dims[2];
  if (r->d < 1 || r->w <= r->d || (r->w - r->d) % 2 || r->blocks < 1 || r->blocks > RES_MAX_BLOCKS) return "bad dims";
  if (nfreqs * 2 != (size_t)(r->w - r->d)) return "freqs must be a Float32Array of (width - dataDim)/2";
  m->in = m->out = r->d;
  m->size = res_size(r);
  m->freqs = freqs;
  m->loss_and_grad = res_loss_and_grad;
  m->forward = res_forward;
  return NULL;
}
