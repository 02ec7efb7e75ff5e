/*
 * Exact GELU with glibc's erff and expf, as PyTorch writes it: x·0.5·(1 + erf(x·√½)) forward and
 * Φ(x) + x·φ(x) backward. Compiled for the baseline with IEEE semantics (not -ffast-math: erff is not in every
 * libmvec); a few ulp from PyTorch's float32 at most.
 */
#include <math.h>
#include "fv_gelu.h"
#include "fv_kernels.h"

#define SQRT1_2 0.70710678118654752440f
#define INV_SQRT_2PI 0.39894228040143267794f

void fv_gelu(size_t n, const float *restrict z, float *restrict a) {
  double t0 = fv_prof_on ? fv_now() : 0;
  for (size_t i = 0; i < n; i++) a[i] = z[i] * 0.5f * (1.0f + erff(z[i] * SQRT1_2));
  if (fv_prof_on) fv_prof_add(FV_PROF_ACT, fv_now() - t0);
}

void fv_gelu_grad(size_t n, float *restrict g, const float *restrict z) {
  double t0 = fv_prof_on ? fv_now() : 0;
  for (size_t i = 0; i < n; i++) {
    float x = z[i], cdf = 0.5f * (1.0f + erff(x * SQRT1_2)), pdf = expf(-0.5f * x * x) * INV_SQRT_2PI;
    g[i] *= cdf + x * pdf;
  }
  if (fv_prof_on) fv_prof_add(FV_PROF_ACT, fv_now() - t0);
}
