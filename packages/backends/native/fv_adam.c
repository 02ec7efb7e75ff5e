/*
 * Adam and the moving average of fv_kernels.h, compiled per instruction set with -ffp-contract=off: every
 * operation is an IEEE double operation (correctly rounded, no fused multiply-add), so all sets and the
 * JavaScript adamStep/emaStep (src/model/adam.ts, ema.ts) give the same floats bit for bit.
 */
#include <math.h>
#include "fv_isa.h"

void FV_FN(fv_adam)(size_t n, float *restrict p, float *restrict m, float *restrict v, const float *restrict g, double b1,
                    double b2, double c1, double c2, double stepSize, double invSqrtBc2, double eps, float *restrict ema,
                    double emaC) {
  for (size_t i = 0; i < n; i++) {
    double gi = g[i];
    /* JavaScript's `const mi = (m[i] = …)` keeps the double, not the stored float32: so do we. */
    double mi = b1 * (double)m[i] + c1 * gi;
    double vi = b2 * (double)v[i] + c2 * gi * gi;
    m[i] = (float)mi;
    v[i] = (float)vi;
    p[i] = (float)((double)p[i] - (stepSize * mi) / (sqrt(vi) * invSqrtBc2 + eps));
  }
  if (ema)
    for (size_t i = 0; i < n; i++) ema[i] = (float)((double)ema[i] + emaC * ((double)p[i] - (double)ema[i]));
}
