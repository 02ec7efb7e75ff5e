/* The MLP's forward and hand-written backward pass over a part of a training batch (fv_mlp.h). */
#include <stdlib.h>
#include "fv_kernels.h"
#include "fv_mlp.h"

/*
 * Sum of squared errors over the n rows into *sse; the gradient of scale·(that sum)/2·2 = scale·Σ diff ∂out into
 * grad. 0 when out of memory.
 */
int fv_mlp_loss_and_grad(const FvModel *m, const float *P, int n, const float *x, const float *t, const float *y, float scale, float *grad,
                         double *sse_out) {
  const Net *net = FV_NET(m);
  int L = net->nLayers, maxd = 0;
  size_t acts = 0;
  for (int i = 0; i <= L; i++) {
    acts += (size_t)n * net->dims[i];
    if (net->dims[i] > maxd) maxd = net->dims[i];
  }
  /* h[i]: input of layer i (i = 0..L-1), s[i]: sigmoid of layer i's pre-activation. One block for all. */
  size_t gsz = (size_t)n * maxd, trsz = (size_t)maxd * maxd; /* tr: a transposed weight matrix */
  float *buf = fv_alloc(sizeof(float) * (2 * acts + 2 * gsz + trsz));
  if (!buf) return 0;
  float *hbuf = buf, *sbuf = buf + acts, *g = sbuf + acts, *g2 = g + gsz, *tr = g2 + gsz;
  float *h[MAX_LAYERS + 1], *s[MAX_LAYERS + 1];
  size_t off = 0;
  for (int i = 0; i <= L; i++) {
    h[i] = hbuf + off;
    s[i] = sbuf + off;
    off += (size_t)n * net->dims[i];
  }
  if (!fv_mlp_embed(net, n, x, t, m->freqs, h[0])) {
    free(buf);
    return 0;
  }
  for (int i = 0; i < L; i++) {
    fv_gemm(n, net->dims[i], net->dims[i + 1], h[i], P + net->kOff[i], P + net->bOff[i], h[i + 1]);
    if (i < L - 1) fv_silu((size_t)n * net->dims[i + 1], s[i + 1], h[i + 1]);
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
    fv_gemm_at(din, n, dn, h[i], g, NULL, grad + net->kOff[i]); /* h[i]ᵀ · g */
    fv_colsum(n, dn, g, grad + net->bOff[i]);
    if (i == 0) break;
    fv_transpose(din, dn, P + net->kOff[i], tr);
    fv_gemm(n, dn, din, g, tr, NULL, g2);
    fv_silu_grad((size_t)n * din, g2, s[i], h[i]);
    float *tmp = g; g = g2; g2 = tmp;
  }
  free(buf);
  *sse_out = sse;
  return 1;
}
