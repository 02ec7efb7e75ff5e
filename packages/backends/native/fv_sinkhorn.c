/*
 * The Sinkhorn–Knopp scaling loop of the entropic OT plan (the couplings package's sinkhorn-scaling.ts, which
 * documents the iteration and its stopping test), over a float32 kernel K (n×n, row-major), in float64. Compiled
 * once per instruction set (-DFV_ISA, -ffp-contract=off: no fused multiply-adds, so every set computes the same
 * bits); fv_dispatch.c calls the chosen one.
 *
 * One pass over K per iteration: row i gives (Kv)_i, hence u_i, and the same row, still in L1, adds u_i·K_i·
 * into the next iteration's Kᵀu. Kᵀu is summed over rows in row order, element by element, exactly as the
 * JavaScript loop does (the same bits); each dot product (Kv)_i is summed in 8 lanes (j mod 8) added pairwise
 * at the end: the same numbers to float rounding, not bit for bit.
 */
#include <stddef.h>
#include <string.h>
#include "fv_isa.h"

/* 4-wide vectors (two per 8 lanes): 32 bytes stay in registers on every set (a 64-byte type spills under AVX2). */
typedef double v4d __attribute__((vector_size(32)));
typedef float v4f __attribute__((vector_size(16)));

static inline v4d FV_FN(load4)(const float *p) {
  v4f f;
  memcpy(&f, p, sizeof f);
  return __builtin_convertvector(f, v4d);
}

static inline v4d FV_FN(load4d)(const double *p) {
  v4d d;
  memcpy(&d, p, sizeof d);
  return d;
}

static inline void FV_FN(store4d)(double *p, v4d d) { memcpy(p, &d, sizeof d); }

/* Σ_j K_ij·v_j in 8 lanes (lane = j mod 8; the tail beyond a multiple of 8 in lane j mod 8 too), added pairwise. */
static inline double FV_FN(row_dot)(int n, const float *restrict k, const double *restrict v) {
  v4d lo = {0, 0, 0, 0}, hi = {0, 0, 0, 0};
  int j = 0;
  for (; j + 8 <= n; j += 8) {
    lo += FV_FN(load4)(k + j) * FV_FN(load4d)(v + j);
    hi += FV_FN(load4)(k + j + 4) * FV_FN(load4d)(v + j + 4);
  }
  double lane[8];
  memcpy(lane, &lo, sizeof lo);
  memcpy(lane + 4, &hi, sizeof hi);
  for (int r = 0; j < n; j++, r++) lane[r] += (double)k[j] * v[j];
  return ((lane[0] + lane[1]) + (lane[2] + lane[3])) + ((lane[4] + lane[5]) + (lane[6] + lane[7]));
}

/* next_j += K_ij·u_i, element by element (the same sum, in the same order, as the JavaScript loop). */
static inline void FV_FN(row_axpy)(int n, const float *restrict k, double ui, double *restrict next) {
  v4d uv = {ui, ui, ui, ui};
  int j = 0;
  for (; j + 4 <= n; j += 4) FV_FN(store4d)(next + j, FV_FN(load4d)(next + j) + FV_FN(load4)(k + j) * uv);
  for (; j < n; j++) next[j] += (double)k[j] * ui;
}

int FV_FN(fv_sinkhorn_scale)(int n, const float *K, int maxIter, double tol, double *v, double *work) {
  double *u = work, *ktu = work + n, *next = work + 2 * (size_t)n;
  for (int i = 0; i < n; i++) u[i] = 1, v[i] = 1, ktu[i] = 0;
  for (int i = 0; i < n; i++) FV_FN(row_axpy)(n, K + (size_t)i * n, 1.0, ktu);
  int it = 0;
  while (it < maxIter) {
    it++;
    for (int j = 0; j < n; j++) v[j] = ktu[j] > 0 ? 1 / ktu[j] : 1e300;
    const int last = it == maxIter;
    memset(next, 0, sizeof(double) * (size_t)n);
    double worst = 0;
    for (int i = 0; i < n; i++) {
      const float *row = K + (size_t)i * n;
      double s = FV_FN(row_dot)(n, row, v);
      double d = u[i] * s - 1;
      d = d < 0 ? -d : d;
      /* Math.max: a NaN sticks (and then the test below never stops the loop, as in JavaScript). */
      if (d > worst || d != d) worst = worst != worst ? worst : d;
      double ui = s > 0 ? 1 / s : 1e300;
      u[i] = ui;
      if (!last) FV_FN(row_axpy)(n, row, ui, next);
    }
    if (worst < tol) break;
    double *t = ktu;
    ktu = next;
    next = t;
  }
  return it;
}
