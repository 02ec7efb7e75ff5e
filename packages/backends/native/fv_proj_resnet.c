/*
 * The residual network of Cheng & Schwing's C2OT playground (SimpleNet; model.architecture=resnet) for the
 * `native` backend: the same maths as src/model/tfjs-proj-resnet.ts, on the kernels of fv_kernels.h.
 *   h0 = x·Wi + bi + t·Wt + bt (width w),  h_{b+1} = h_b + act(h_b·W1_b + b1_b)·W2_b + b2_b (hidden H = w·expansion),
 *   v = h_B·Wo + bo;  act = exact GELU (fv_act.c) or SiLU.
 * Parameters, flat float32, kernels [in×out] row-major each followed by its bias: Wi [d×w], bi, Wt [1×w], bt, per
 * block W1 [w×H], b1, W2 [H×w], b2, then Wo [w×d], bo (spec.ts's resnetParamInfos order).
 * Conditional (a sixth dim c > 0: the paper's ConditionalNet): rows of x come packed [x (d), c (c)], h0 gains
 * c·Wc + bc (cond_proj), and Wc [c×w], bc follow bo. The rows are unpacked once per call: the extra input's cost.
 */
#include <stdlib.h>
#include <string.h>
#include "fv_kernels.h"
#include "fv_proj_resnet.h"

#define PRN_MAX_BLOCKS 256
#define PRN_ROWS 64

typedef struct {
  int d, w, blocks, hid, silu, cd;
  size_t bi, wt, bt, block0, per_block, wo, bo, wc, bc;
} Prn;

_Static_assert(sizeof(Prn) <= FV_LAYOUT_BYTES, "Prn fits in FvModel.layout");

#define PRN(m) ((const Prn *)(m)->layout)
#define W1(r, b) ((r)->block0 + (size_t)(b) * (r)->per_block)
#define B1(r, b) (W1(r, b) + (size_t)(r)->w * (r)->hid)
#define W2(r, b) (B1(r, b) + (size_t)(r)->hid)
#define B2(r, b) (W2(r, b) + (size_t)(r)->hid * (r)->w)

/* Packed rows [x, c] (m of them) split into xs (m×d) then cs (m×cd) in one new buffer; NULL when out of memory. */
static float *unpack(const Prn *r, int m, const float *x) {
  int d = r->d, cd = r->cd, in = d + cd;
  float *xs = fv_alloc(sizeof(float) * (size_t)m * in);
  if (!xs) return NULL;
  float *cs = xs + (size_t)m * d;
  for (int i = 0; i < m; i++) {
    memcpy(xs + (size_t)i * d, x + (size_t)i * in, sizeof(float) * d);
    memcpy(cs + (size_t)i * cd, x + (size_t)i * in + d, sizeof(float) * cd);
  }
  return xs;
}

/*
 * h = x·Wi + bi + t·Wt + bt (+ c·Wc + bc) for m rows, t per row or ts for all when t is NULL; x: the point rows
 * (m×d), cs: the condition rows (m×cd) of a conditional net, else NULL.
 */
static void input(const Prn *r, const float *P, int m, const float *x, const float *cs, const float *t, float ts, float *h) {
  int w = r->w;
  fv_gemm(m, r->d, w, x, P, P + r->bi, h);
  const float *Wt = P + r->wt, *bt = P + r->bt;
  for (int i = 0; i < m; i++) {
    float ti = t ? t[i] : ts, *row = h + (size_t)i * w;
    for (int j = 0; j < w; j++) row[j] += ti * Wt[j] + bt[j];
  }
  if (!cs) return;
  const float *Wc = P + r->wc, *bc = P + r->bc;
  for (int i = 0; i < m; i++) {
    float *row = h + (size_t)i * w;
    const float *ci = cs + (size_t)i * r->cd;
    for (int j = 0; j < w; j++) {
      float s = bc[j];
      for (int k = 0; k < r->cd; k++) s += ci[k] * Wc[(size_t)k * w + j];
      row[j] += s;
    }
  }
}

/* act(z) into a; for SiLU, z is overwritten with sigmoid(z) (what fv_silu_grad needs) when keep is set. */
static void activate(const Prn *r, size_t n, float *z, float *a, int keep) {
  if (r->silu) {
    memcpy(a, z, sizeof(float) * n);
    fv_silu(n, keep ? z : NULL, a);
  } else {
    fv_gelu(n, z, a);
  }
}

static int prn_loss_and_grad(const FvModel *m, const float *P, int n, const float *x, const float *t, const float *y, float scale,
                             float *grad, double *sse_out) {
  const Prn *r = PRN(m);
  int d = r->d, w = r->w, H = r->hid, B = r->blocks;
  size_t nw = (size_t)n * w, nH = (size_t)n * H, trsz = (size_t)w * (H > d ? H : d);
  /* h[0..B] (n×w each), z[0..B-1] and a[0..B-1] (n×H each), gh and tmp (n×w), ga (n×H), g and out (n×d), tr. */
  float *buf = fv_alloc(sizeof(float) * ((size_t)(B + 3) * nw + (size_t)(2 * B + 1) * nH + 2 * (size_t)n * d + trsz));
  if (!buf) return 0;
  float *xs = NULL, *cs = NULL;
  if (r->cd) {
    if (!(xs = unpack(r, n, x))) {
      free(buf);
      return 0;
    }
    cs = xs + (size_t)n * d;
    x = xs;
  }
  float *h = buf, *z = h + (size_t)(B + 1) * nw, *a = z + (size_t)B * nH, *gh = a + (size_t)B * nH, *tmp = gh + nw, *ga = tmp + nw,
        *g = ga + nH, *out = g + (size_t)n * d, *tr = out + (size_t)n * d;
  input(r, P, n, x, cs, t, 0, h);
  for (int b = 0; b < B; b++) {
    float *hb = h + (size_t)b * nw, *hn = hb + nw, *zb = z + (size_t)b * nH, *ab = a + (size_t)b * nH;
    fv_gemm(n, w, H, hb, P + W1(r, b), P + B1(r, b), zb);
    activate(r, nH, zb, ab, 1);
    fv_gemm(n, H, w, ab, P + W2(r, b), P + B2(r, b), hn);
    for (size_t i = 0; i < nw; i++) hn[i] += hb[i];
  }
  float *hB = h + (size_t)B * nw;
  fv_gemm(n, w, d, hB, P + r->wo, P + r->bo, out);
  double sse = 0;
  for (size_t k = 0; k < (size_t)n * d; k++) {
    float diff = out[k] - y[k];
    sse += (double)diff * diff;
    g[k] = diff * scale;
  }
  fv_gemm_at(w, n, d, hB, g, NULL, grad + r->wo);
  fv_colsum(n, d, g, grad + r->bo);
  fv_transpose(w, d, P + r->wo, tr);
  fv_gemm(n, d, w, g, tr, NULL, gh);
  for (int b = B - 1; b >= 0; b--) {
    /* The skip passes gh on; the block: dW2 = aᵀgh, ga = gh·W2ᵀ ⊙ act'(z), dW1 = h_bᵀga, gh += ga·W1ᵀ. */
    float *zb = z + (size_t)b * nH, *ab = a + (size_t)b * nH;
    fv_gemm_at(H, n, w, ab, gh, NULL, grad + W2(r, b));
    fv_colsum(n, w, gh, grad + B2(r, b));
    fv_transpose(H, w, P + W2(r, b), tr);
    fv_gemm(n, w, H, gh, tr, NULL, ga);
    if (r->silu) fv_silu_grad(nH, ga, zb, ab);
    else fv_gelu_grad(nH, ga, zb);
    fv_gemm_at(w, n, H, h + (size_t)b * nw, ga, NULL, grad + W1(r, b));
    fv_colsum(n, H, ga, grad + B1(r, b));
    fv_transpose(w, H, P + W1(r, b), tr);
    fv_gemm(n, H, w, ga, tr, NULL, tmp);
    for (size_t i = 0; i < nw; i++) gh[i] += tmp[i];
  }
  fv_gemm_at(d, n, w, x, gh, NULL, grad);          /* input_proj kernel */
  fv_colsum(n, w, gh, grad + r->bi);
  fv_gemm_at(1, n, w, t, gh, NULL, grad + r->wt); /* time_emb kernel: tᵀ·gh */
  memcpy(grad + r->bt, grad + r->bi, sizeof(float) * w); /* both biases are added to h0: the same gradient */
  if (cs) {
    fv_gemm_at(r->cd, n, w, cs, gh, NULL, grad + r->wc); /* cond_proj kernel: cᵀ·gh; its bias is added to h0 too */
    memcpy(grad + r->bc, grad + r->bi, sizeof(float) * w);
  }
  free(xs);
  free(buf);
  *sse_out = sse;
  return 1;
}

/* ---- v(x, t) in blocks of rows over the pool ---- */

typedef struct {
  const Prn *r;
  const float *P, *x, *t;
  float ts;
  int n;
  float *out;
  int oom;
} PrnFwdJob;

static void prn_forward_task(void *ctx, int task) {
  PrnFwdJob *j = ctx;
  const Prn *r = j->r;
  int d = r->d, w = r->w, H = r->hid;
  int r0 = task * PRN_ROWS, m = j->n - r0 < PRN_ROWS ? j->n - r0 : PRN_ROWS;
  float *h = fv_alloc(sizeof(float) * ((size_t)2 * m * w + (size_t)2 * m * H));
  if (!h) {
    __atomic_store_n(&j->oom, 1, __ATOMIC_RELAXED);
    return;
  }
  float *u = h + (size_t)m * w, *z = u + (size_t)m * w, *a = z + (size_t)m * H;
  size_t mw = (size_t)m * w;
  const float *x = j->x + (size_t)r0 * (d + r->cd);
  float *xs = NULL;
  if (r->cd && !(xs = unpack(r, m, x))) {
    free(h);
    __atomic_store_n(&j->oom, 1, __ATOMIC_RELAXED);
    return;
  }
  input(r, j->P, m, xs ? xs : x, xs ? xs + (size_t)m * d : NULL, j->t ? j->t + r0 : NULL, j->ts, h);
  free(xs);
  for (int b = 0; b < r->blocks; b++) {
    fv_gemm(m, w, H, h, j->P + W1(r, b), j->P + B1(r, b), z);
    activate(r, (size_t)m * H, z, a, 0);
    fv_gemm(m, H, w, a, j->P + W2(r, b), j->P + B2(r, b), u);
    for (size_t i = 0; i < mw; i++) h[i] += u[i];
  }
  fv_gemm(m, w, d, h, j->P + r->wo, j->P + r->bo, j->out + (size_t)r0 * d);
  free(h);
}

static int prn_forward(const FvModel *m, const float *P, int n, const float *x, const float *t, float ts, float *out) {
  PrnFwdJob j = {PRN(m), P, x, t, ts, n, out, 0};
  fv_parallel_for((n + PRN_ROWS - 1) / PRN_ROWS, prn_forward_task, &j);
  return !j.oom;
}

const char *fv_proj_resnet_from(const int32_t *dims, size_t ndims, const float *freqs, size_t nfreqs, FvModel *m) {
  Prn *r = (Prn *)m->layout;
  (void)freqs;
  if (ndims != 5 && ndims != 6) return "dims must be an Int32Array [dataDim, width, nBlocks, hidden, activation(, condDim)]";
  r->d = dims[0], r->w = dims[1], r->blocks = dims[2], r->hid = dims[3], r->silu = dims[4], r->cd = ndims == 6 ? dims[5] : 0;
  if (r->cd < 0 || r->cd > 1024 || r->d < 1 || r->w < 1 || r->hid < 1 || r->blocks < 1 || r->blocks > PRN_MAX_BLOCKS || (r->silu != 0 && r->silu != 1)) return "bad dims";
  if (nfreqs != 0) return "takes no time frequencies (an empty Float32Array)";
  size_t d = r->d, w = r->w, H = r->hid;
  r->bi = d * w;
  r->wt = r->bi + w;
  r->bt = r->wt + w;
  r->block0 = r->bt + w;
  r->per_block = w * H + H + H * w + w;
  r->wo = r->block0 + (size_t)r->blocks * r->per_block;
  r->bo = r->wo + w * d;
  r->wc = r->bo + d;
  r->bc = r->wc + (size_t)r->cd * w;
  m->in = r->d + r->cd;
  m->out = r->d;
  m->size = r->cd ? r->bc + w : r->bo + d;
  m->freqs = freqs;
  m->loss_and_grad = prn_loss_and_grad;
  m->forward = prn_forward;
  return NULL;
}
