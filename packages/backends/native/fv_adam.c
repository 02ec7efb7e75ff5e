/*
 * Adam and the moving average of fv_kernels.h, compiled per instruction set with -ffp-contract=off: in float32
 * as PyTorch's Adam computes, every operation correctly rounded and none fused, so all sets give the same floats
 * (sqrt and division are exact-rounded in every SIMD width). The JavaScript adamStep rounds from doubles and
 * differs by an ulp now and then. In double precision this took ~7% of a training step (vsqrtpd/vdivpd are slow).
 */
#include <math.h>
#include "fv_isa.h"

/* g1 not NULL: the gradient is g + g1, stored back into g (the sum of a batch's last two parts, fused into this
 * pass rather than a pass of its own; the same IEEE addition). */
static inline __attribute__((always_inline)) void adam_body(size_t n, float *restrict p, float *restrict m, float *restrict v,
                                                            float *restrict g, const float *restrict g1, double b1, double b2,
                                                            double c1, double c2, double stepSize, double invSqrtBc2, double eps,
                                                            float *restrict ema, double emaC) {
  const float fb1 = (float)b1, fb2 = (float)b2, fc1 = (float)c1, fc2 = (float)c2, fs = (float)stepSize, fk = (float)invSqrtBc2,
              fe = (float)eps, fa = (float)emaC;
  for (size_t i = 0; i < n; i++) {
    float gi = g[i];
    if (g1) {
      gi += g1[i];
      g[i] = gi;
    }
    float mi = fb1 * m[i] + fc1 * gi;
    float vi = fb2 * v[i] + fc2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    float pi = p[i] - (fs * mi) / (sqrtf(vi) * fk + fe);
    p[i] = pi;
    if (ema) ema[i] += fa * (pi - ema[i]);
  }
}

void FV_FN(fv_adam)(size_t n, float *restrict p, float *restrict m, float *restrict v, const float *restrict g, double b1,
                    double b2, double c1, double c2, double stepSize, double invSqrtBc2, double eps, float *restrict ema,
                    double emaC) {
  adam_body(n, p, m, v, (float *)g, NULL, b1, b2, c1, c2, stepSize, invSqrtBc2, eps, ema, emaC);
}

void FV_FN(fv_adam_sum2)(size_t n, float *restrict p, float *restrict m, float *restrict v, float *restrict g, const float *restrict g1,
                         double b1, double b2, double c1, double c2, double stepSize, double invSqrtBc2, double eps,
                         float *restrict ema, double emaC) {
  adam_body(n, p, m, v, g, g1, b1, b2, c1, c2, stepSize, invSqrtBc2, eps, ema, emaC);
}
