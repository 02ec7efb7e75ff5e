/*
 * The dense kernels of fv_kernels.h for WebAssembly with SIMD128 (wasm32, -msimd128): the page's counterpart of
 * fv_gemm.c / fv_act.c compiled per x86 instruction set. WebAssembly SIMD has no fused multiply-add, so the
 * products are each a multiply then an add, in the order of fv_gemm.c's generic loop (per output, bias or 0, then
 * k ascending): the same floats as the native addon under FV_NATIVE_ISA=generic. Adam is fv_adam.c itself
 * (compiled here with -DFV_ISA=generic, -ffp-contract=off): the same floats as every native set.
 * SiLU has its own vectorised exp (a mul-add version of fv_act.c's), within a few ulp of libm's expf.
 */
#include <math.h>
#include <string.h>
#include <wasm_simd128.h>
#include "fv_isa.h"
#include "fv_kernels.h"

typedef v128_t V;
#define VW 4
#define LOAD(p) wasm_v128_load(p)
#define STORE(p, v) wasm_v128_store(p, v)
#define BCAST(p) wasm_f32x4_splat(*(p))
#define MULADD(a, b, c) wasm_f32x4_add(c, wasm_f32x4_mul(a, b)) /* c + a·b: the product rounded, then the sum */

/*
 * R rows (R <= 4, a constant once inlined) × 2 vectors (8 columns) of C: c[r][·] = bias + Σk a(r, k)·b[k][·], a(r, k)
 * at a + r·rs + k·ks (rs = K, ks = 1 for A; rs = 1, ks = M for the transpose of a K×M A, read in place).
 * Measured in V8 (Node 20) on a Zen 4, 256×256×128 products: 4×2 vectors ~39 GFLOP/s (83% of fvw_peak), 2×4 ~39,
 * 3×2 ~33, 3×3 ~33, 6×2 ~27, 4×3 ~26, 3×4 ~29; unrolling k by 2 or 4 ~26. The engine keeps fewer values in
 * registers than x86 has (it reserves scratch registers): past ~10 accumulators it spills.
 */
#define COLS (2 * VW)
static inline __attribute__((always_inline)) void tile(const int R, int K, const float *a, int rs, int ks, const float *b, int N, V bias0,
                                                       V bias1, float *c) {
  V acc[4][2];
  for (int r = 0; r < R; r++) acc[r][0] = bias0, acc[r][1] = bias1;
  for (int k = 0; k < K; k++) {
    const float *bk = b + (size_t)k * N, *ak = a + (size_t)k * ks;
    V b0 = LOAD(bk), b1 = LOAD(bk + VW);
    for (int r = 0; r < R; r++) {
      V ar = BCAST(ak + (size_t)r * rs);
      acc[r][0] = MULADD(ar, b0, acc[r][0]);
      acc[r][1] = MULADD(ar, b1, acc[r][1]);
    }
  }
  for (int r = 0; r < R; r++) {
    STORE(c + (size_t)r * N, acc[r][0]);
    STORE(c + (size_t)r * N + VW, acc[r][1]);
  }
}

/* Columns [j0, N) with fewer than 8 left: vectors along the rows (4 rows at a time), one accumulator per column,
 * each output the same chain of k as the tile's. */
static void narrow_cols(int M, int K, int N, int j0, const float *A, int rs, int ks, const float *B, const float *bias, float *C) {
  int i = 0;
  for (; i + VW <= M; i += VW) {
    for (int j = j0; j < N; j++) {
      V acc = wasm_f32x4_splat(bias ? bias[j] : 0.0f);
      for (int k = 0; k < K; k++) {
        const float *ak = A + (size_t)i * rs + (size_t)k * ks;
        V av = rs == 1 ? LOAD(ak) : wasm_f32x4_make(ak[0], ak[rs], ak[2 * (size_t)rs], ak[3 * (size_t)rs]);
        acc = MULADD(av, wasm_f32x4_splat(B[(size_t)k * N + j]), acc);
      }
      C[(size_t)i * N + j] = wasm_f32x4_extract_lane(acc, 0);
      C[(size_t)(i + 1) * N + j] = wasm_f32x4_extract_lane(acc, 1);
      C[(size_t)(i + 2) * N + j] = wasm_f32x4_extract_lane(acc, 2);
      C[(size_t)(i + 3) * N + j] = wasm_f32x4_extract_lane(acc, 3);
    }
  }
  for (; i < M; i++)
    for (int j = j0; j < N; j++) {
      float s = bias ? bias[j] : 0.0f;
      for (int k = 0; k < K; k++) s = s + A[(size_t)i * rs + (size_t)k * ks] * B[(size_t)k * N + j];
      C[(size_t)i * N + j] = s;
    }
}

static void gemm_any(int M, int K, int N, const float *A, int rs, int ks, const float *B, const float *bias, float *C) {
  int jn = N & ~(COLS - 1);
  for (int j0 = 0; j0 < jn; j0 += COLS) {
    V bias0 = bias ? LOAD(bias + j0) : wasm_f32x4_splat(0.0f), bias1 = bias ? LOAD(bias + j0 + VW) : wasm_f32x4_splat(0.0f);
    const float *b = B + j0;
    float *c = C + j0;
    int i = 0;
    for (; i + 4 <= M; i += 4) tile(4, K, A + (size_t)i * rs, rs, ks, b, N, bias0, bias1, c + (size_t)i * N);
    const float *a = A + (size_t)i * rs;
    c += (size_t)i * N;
    switch (M - i) {
      case 3: tile(3, K, a, rs, ks, b, N, bias0, bias1, c); break;
      case 2: tile(2, K, a, rs, ks, b, N, bias0, bias1, c); break;
      case 1: tile(1, K, a, rs, ks, b, N, bias0, bias1, c); break;
      default: break;
    }
  }
  if (jn < N) narrow_cols(M, K, N, jn, A, rs, ks, B, bias, C);
}

void fv_gemm(int M, int K, int N, const float *A, const float *B, const float *bias, float *C) { gemm_any(M, K, N, A, K, 1, B, bias, C); }

void fv_gemm_at(int M, int K, int N, const float *A, const float *B, const float *bias, float *C) { gemm_any(M, K, N, A, 1, M, B, bias, C); }

void fv_transpose(int rows, int cols, const float *a, float *out) {
  for (int r0 = 0; r0 < rows; r0 += 32)
    for (int c0 = 0; c0 < cols; c0 += 32) {
      int r1 = r0 + 32 < rows ? r0 + 32 : rows, c1 = c0 + 32 < cols ? c0 + 32 : cols;
      for (int r = r0; r < r1; r++)
        for (int c = c0; c < c1; c++) out[(size_t)c * rows + r] = a[(size_t)r * cols + c];
    }
}

/* Column sums, rows in order (fv_gemm.c's): the compiler vectorises along j; each sum is the scalar chain. */
void fv_colsum(int rows, int cols, const float *restrict a, float *restrict out) {
  for (int j = 0; j < cols; j++) out[j] = 0;
  for (int r = 0; r < rows; r++) {
    const float *restrict ar = a + (size_t)r * cols;
    for (int j = 0; j < cols; j++) out[j] += ar[j];
  }
}

void fv_silu_grad(size_t n, float *restrict g, const float *restrict s, const float *restrict h) {
  for (size_t k = 0; k < n; k++) g[k] *= s[k] + h[k] - h[k] * s[k];
}

/* exp(x) for x in [-87, 80] (the caller clamps): x = n·ln2 + r (Cody-Waite), e^r by Cephes' degree-6
 * polynomial, times 2^n through the exponent bits (fv_act.c's, with a multiply and an add for each fused one). */
static inline V vexp(V x) {
  const V log2e = wasm_f32x4_splat(1.44269504088896341f), ln2hi = wasm_f32x4_splat(0.693359375f), ln2lo = wasm_f32x4_splat(-2.12194440e-4f);
  V n = wasm_f32x4_nearest(wasm_f32x4_mul(x, log2e));
  V r = wasm_f32x4_sub(wasm_f32x4_sub(x, wasm_f32x4_mul(n, ln2hi)), wasm_f32x4_mul(n, ln2lo));
  V p = wasm_f32x4_splat(1.9875691500E-4f);
  p = MULADD(p, r, wasm_f32x4_splat(1.3981999507E-3f));
  p = MULADD(p, r, wasm_f32x4_splat(8.3334519073E-3f));
  p = MULADD(p, r, wasm_f32x4_splat(4.1665795894E-2f));
  p = MULADD(p, r, wasm_f32x4_splat(1.6666665459E-1f));
  p = MULADD(p, r, wasm_f32x4_splat(5.0000001201E-1f));
  V r2 = wasm_f32x4_mul(r, r);
  p = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(p, r2), r), wasm_f32x4_splat(1.0f));
  V e = wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(n), wasm_i32x4_splat(127)), 23);
  return wasm_f32x4_mul(p, e);
}

/* h <- SiLU(h) = z / (1 + e^-z), s <- 1 / (1 + e^-z) when s is not NULL. */
void fv_silu(size_t n, float *restrict s, float *restrict h) {
  const V one = wasm_f32x4_splat(1.0f), hi = wasm_f32x4_splat(80.0f), lo = wasm_f32x4_splat(-87.0f);
  size_t i = 0;
  for (; i + VW <= n; i += VW) {
    V z = LOAD(h + i);
    V d = wasm_f32x4_add(one, vexp(wasm_f32x4_pmax(wasm_f32x4_pmin(wasm_f32x4_neg(z), hi), lo)));
    if (s) STORE(s + i, wasm_f32x4_div(one, d));
    STORE(h + i, wasm_f32x4_div(z, d));
  }
  for (; i < n; i++) {
    float z = h[i], d = 1.0f + expf(fmaxf(fminf(-z, 80.0f), -87.0f));
    if (s) s[i] = 1.0f / d;
    h[i] = z / d;
  }
}

void fv_sincos(size_t n, const float *restrict a, float *restrict out) {
  for (size_t i = 0; i < n; i++) out[i] = sinf(a[i]);
  for (size_t i = 0; i < n; i++) out[n + i] = cosf(a[i]);
}

/* fv_adam.c, compiled for this target as its generic set. */
void fv_adam(size_t n, float *p, float *m, float *v, const float *g, double b1, double b2, double c1, double c2, double stepSize,
             double invSqrtBc2, double eps, float *ema, double emaC, int stream) {
  fv_adam_generic(n, p, m, v, g, b1, b2, c1, c2, stepSize, invSqrtBc2, eps, ema, emaC, stream);
}

void fv_adam_sum2(size_t n, float *p, float *m, float *v, float *g, const float *g1, double b1, double b2, double c1, double c2,
                  double stepSize, double invSqrtBc2, double eps, float *ema, double emaC, int stream) {
  fv_adam_sum2_generic(n, p, m, v, g, g1, b1, b2, c1, c2, stepSize, invSqrtBc2, eps, ema, emaC, stream);
}
