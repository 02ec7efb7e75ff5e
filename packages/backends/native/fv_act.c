/*
 * SiLU for fv_mlp.c, in its own file because it is compiled with -ffast-math: glibc declares its vectorised
 * expf (libmvec) only then, and without it SiLU cost as much as all the matrix products of sampling. Only this
 * file gets the flag; the products and sums keep IEEE semantics.
 */
#include <math.h>
#include <stddef.h>
#include "fv_kernels.h"

/* expf's argument is capped at 80: under -ffast-math, 1/(1 + inf) is computed with a refined reciprocal that
 * gives NaN, which made training diverge once a pre-activation fell below -88. sigmoid(-80) ~ 2e-35: no change. */

/* h <- SiLU(h) in place, and s <- sigmoid of the input when s is given (kept for the backward pass). */
void fv_silu(size_t n, float *restrict s, float *restrict h) {
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
