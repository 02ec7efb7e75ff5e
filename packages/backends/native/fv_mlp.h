/*
 * The MLP velocity model (model.architecture=mlp) in C: the same maths as src/model/tfjs-net.ts.
 * Input rows [x, sin(t·f), cos(t·f)], then dense layers with SiLU between them, none after the last.
 * Parameters, flat float32: per layer the kernel [in×out] row-major, then the bias [out].
 * dims from JavaScript: [dataDim, nLayers, width of the input, widths of each layer's output…]; freqs: (input − dataDim)/2.
 *   fv_mlp_layout.c  the layout (Net) and the time embedding
 *   fv_mlp_grad.c    forward and backward pass of a batch part (training)
 *   fv_mlp_predict.c v(x, t) in blocks of rows over the pool (sampling)
 */
#ifndef FV_MLP_H
#define FV_MLP_H
#include "fv_model.h"

#define MAX_LAYERS 64

typedef struct {
  int dataDim, nLayers;
  int dims[MAX_LAYERS + 1];
  size_t kOff[MAX_LAYERS], bOff[MAX_LAYERS];
} Net;

/* The Net inside an FvModel filled by fv_mlp_from. */
#define FV_NET(m) ((const Net *)(m)->layout)

/* fv_model_from for the MLP. */
const char *fv_mlp_from(const int32_t *dims, size_t ndims, const float *freqs, size_t nfreqs, FvModel *m);

/* Input rows [x, sin(t·f), cos(t·f)] of n rows into h; 0 when out of memory. */
int fv_mlp_embed(const Net *net, int n, const float *x, const float *t, const float *freqs, float *h);

int fv_mlp_loss_and_grad(const FvModel *m, const float *P, int n, const float *x, const float *t, const float *y, float scale, float *grad,
                         double *sse);
int fv_mlp_forward(const FvModel *m, const float *P, int n, const float *x, const float *t, float ts, float *out);

#endif
