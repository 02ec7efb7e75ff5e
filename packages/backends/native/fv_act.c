/*
 * SiLU and sin/cos of fv_kernels.h, compiled per instruction set with -ffast-math: glibc declares its
 * vectorised expf/sinf/cosf (libmvec) only then, and without them SiLU cost as much as all the matrix products of
 * sampling, and the time embedding's scalar sinf/cosf a tenth of a training step. Only this file gets the flag;
 * the products and sums keep IEEE semantics.
 */
#include <math.h>
#include "fv_isa.h"

/* expf's argument is capped at 80: under -ffast-math, 1/(1 + inf) is computed with a refined reciprocal that
 * gives NaN, which made training diverge once a pre-activation fell below -88. sigmoid(-80) ~ 2e-35: no change. */

void FV_FN(fv_silu)(size_t n, float *restrict s, float *restrict h) {
  if (s) {
    for (size_t i = 0; i < n; i++) {
      float zi = h[i], si = 1.0f / (1.0f + expf(fminf(-zi, 80.0f)));
      s[i] = si;
      h[i] = zi * si;
    }
  } else {
    for (size_t i = 0; i < n; i++) {
      float zi = h[i];
      h[i] = zi / (1.0f + expf(fminf(-zi, 80.0f)));
    }
  }
}

void FV_FN(fv_sincos)(size_t n, const float *restrict a, float *restrict out) {
  for (size_t i = 0; i < n; i++) out[i] = sinf(a[i]);
  for (size_t i = 0; i < n; i++) out[n + i] = cosf(a[i]);
}
