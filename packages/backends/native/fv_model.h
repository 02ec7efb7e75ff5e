/*
 * What a velocity network written in C gives the rest of the addon (fv_napi.c's Node-API entry points and
 * fv_step.c's training step): its sizes and two functions, over flat float32 parameters. Each architecture
 * (fv_mlp_*.c, fv_resmlp.c, …) provides a parser that fills an FvModel from the dims and freqs JavaScript passes.
 */
#ifndef FV_MODEL_H
#define FV_MODEL_H
#include <stddef.h>
#include <stdint.h>

#define FV_MAX_PARTS 64
#define FV_LAYOUT_BYTES 2048

typedef struct FvModel FvModel;
struct FvModel {
  int in, out;      /* floats per row: of x, and of the target and the output */
  size_t size;      /* parameters */
  const float *freqs;
  /* Sum of squared errors of n rows into *sse, and its gradient times scale into grad. 0 when out of memory. */
  int (*loss_and_grad)(const FvModel *m, const float *P, int n, const float *x, const float *t, const float *y, float scale,
                       float *grad, double *sse);
  /* v(x, t) of n rows into out, t per row or ts for all rows when t is NULL, over the pool. 0 when out of memory. */
  int (*forward)(const FvModel *m, const float *P, int n, const float *x, const float *t, float ts, float *out);
  /* The architecture's own description (its layer sizes and offsets), read only by its functions. */
  _Alignas(16) unsigned char layout[FV_LAYOUT_BYTES];
};

/* Fills m from the dims and freqs passed from JavaScript: NULL, or what is wrong with them. */
typedef const char *(*fv_model_from)(const int32_t *dims, size_t ndims, const float *freqs, size_t nfreqs, FvModel *m);

#endif
