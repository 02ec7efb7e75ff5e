/* The MLP's layout from JavaScript's dims (fv_mlp.h), and its time embedding. */
#include <stdlib.h>
#include <string.h>
#include "fv_kernels.h"
#include "fv_mlp.h"

_Static_assert(sizeof(Net) <= FV_LAYOUT_BYTES, "Net fits in FvModel.layout");

static int net_from(const int32_t *d, size_t len, Net *net) {
  if (len < 3) return 0;
  net->dataDim = d[0];
  net->nLayers = d[1];
  if (net->nLayers < 1 || net->nLayers > MAX_LAYERS || len != (size_t)net->nLayers + 3) return 0;
  size_t off = 0;
  for (int i = 0; i <= net->nLayers; i++)
    if ((net->dims[i] = d[2 + i]) < 1) return 0;
  if (net->dataDim < 1 || net->dims[0] < net->dataDim || (net->dims[0] - net->dataDim) % 2) return 0;
  for (int i = 0; i < net->nLayers; i++) {
    net->kOff[i] = off;
    off += (size_t)net->dims[i] * net->dims[i + 1];
    net->bOff[i] = off;
    off += net->dims[i + 1];
  }
  return 1;
}

const char *fv_mlp_from(const int32_t *dims, size_t ndims, const float *freqs, size_t nfreqs, FvModel *m) {
  Net *net = (Net *)m->layout;
  if (!net_from(dims, ndims, net)) return "bad dims";
  if (nfreqs * 2 != (size_t)(net->dims[0] - net->dataDim)) return "freqs must be a Float32Array of (input width - dataDim)/2";
  m->in = net->dataDim;
  m->out = net->dims[net->nLayers];
  m->size = net->bOff[net->nLayers - 1] + net->dims[net->nLayers];
  m->freqs = freqs;
  m->loss_and_grad = fv_mlp_loss_and_grad;
  m->forward = fv_mlp_forward;
  return NULL;
}

int fv_mlp_embed(const Net *net, int n, const float *x, const float *t, const float *freqs, float *h) {
  int d = net->dataDim, w = net->dims[0], half = (w - d) / 2;
  size_t na = (size_t)n * half;
  float *arg = fv_alloc(sizeof(float) * na * 3);
  if (!arg) return 0;
  double t0 = fv_prof_on ? fv_now() : 0;
  for (int r = 0; r < n; r++)
    for (int k = 0; k < half; k++) arg[(size_t)r * half + k] = t[r] * freqs[k];
  if (fv_prof_on) fv_prof_add(FV_PROF_EMBED, fv_now() - t0);
  float *sc = arg + na; /* sin of all, then cos of all */
  fv_sincos(na, arg, sc);
  t0 = fv_prof_on ? fv_now() : 0;
  for (int r = 0; r < n; r++) {
    float *o = h + (size_t)r * w;
    for (int k = 0; k < d; k++) o[k] = x[(size_t)r * d + k];
    memcpy(o + d, sc + (size_t)r * half, sizeof(float) * half);
    memcpy(o + d + half, sc + na + (size_t)r * half, sizeof(float) * half);
  }
  if (fv_prof_on) fv_prof_add(FV_PROF_EMBED, fv_now() - t0);
  free(arg);
  return 1;
}
