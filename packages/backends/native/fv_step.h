/*
 * A training step over the thread pool, for any FvModel: the batch in parts of consecutive rows (one task each),
 * the partial gradients summed in part order (the same floats whichever thread runs what), and, when asked, Adam
 * on each slice of the parameters while it is in cache.
 */
#ifndef FV_STEP_H
#define FV_STEP_H
#include "fv_model.h"

/* Adam's state and constants (k: [b1, b2, c1, c2, stepSize, invSqrtBc2, eps] as fv_adam takes them); ema may be NULL. */
typedef struct {
  float *p, *m, *v, *ema;
  const double *k;
  double emaC;
} FvAdamStep;

/* Sum of squared errors into *sse, the gradient (times scale) into grad; with adam, then the Adam step on adam->p
 * (the parameters P). 0 when out of memory. */
int fv_loss_and_grad_parts(const FvModel *m, const float *P, int n, const float *x, const float *t, const float *y, float scale,
                           float *grad, int parts, double *sse, const FvAdamStep *adam);

/* One Adam step (and moving average) over n parameters with gradient g, in slices over the pool when large. */
void fv_adam_parallel(size_t n, const FvAdamStep *a, const float *g);

#endif
