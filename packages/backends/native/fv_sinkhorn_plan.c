/*
 * The entropic OT plan's two other parts besides the scaling loop (fv_sinkhorn.c): the kernel exp(−C/ε) of two
 * point sets, and one draw per row from the plan. The same arithmetic as the couplings package's JavaScript
 * (sinkhorn-plan.ts, entropic-ot-pairing.ts) in the same order, in double: compiled for the x86-64 baseline, which
 * has no fused multiply-add, so that the costs, the sums and the draws are the same bits; exp() is the C
 * library's, which can differ from V8's Math.exp in a double's last bit, so that a kernel entry rounded to float32
 * can (rarely) differ by one float ulp.
 */
#include <math.h>
#include <stddef.h>
#include "fv_kernels.h"

double fv_sinkhorn_kernel(int n, const float *a, const float *b, int scale, double reg, float *K, double *rowMin) {
  double mean = 0, max = 0;
  for (int i = 0; i < n; i++) {
    const double ax = a[2 * i], ay = a[2 * i + 1];
    double m = INFINITY;
    float *row = K + (size_t)i * n;
    for (int j = 0; j < n; j++) {
      const double dx = ax - b[2 * j], dy = ay - b[2 * j + 1];
      const double c = dx * dx + dy * dy;
      row[j] = (float)c;
      mean += c;
      if (c > max) max = c;
      if (c < m) m = c;
    }
    rowMin[i] = m;
  }
  mean /= (double)n * n;
  const double unit = scale == 1 ? mean : scale == 2 ? max : 1;
  double eps = reg * unit;
  if (!(eps >= 1e-12)) eps = eps != eps ? eps : 1e-12; /* Math.max(reg·unit, 1e-12): NaN stays NaN */
  for (int i = 0; i < n; i++) {
    float *row = K + (size_t)i * n;
    const double m = rowMin[i];
    for (int j = 0; j < n; j++) row[j] = (float)exp(-((double)row[j] - m) / eps);
  }
  return eps;
}

void fv_sinkhorn_draw(int n, const float *K, const double *v, const double *uniform, int32_t *out) {
  for (int i = 0; i < n; i++) {
    const float *row = K + (size_t)i * n;
    double total = 0;
    for (int j = 0; j < n; j++) total += row[j] * v[j];
    double r = uniform[i] * total;
    int j = 0;
    for (; j < n - 1; j++) {
      r -= row[j] * v[j];
      if (r < 0) break;
    }
    out[i] = j;
  }
}
