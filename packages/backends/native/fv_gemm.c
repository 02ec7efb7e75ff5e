/*
 * The matrix products of fv_kernels.h, compiled once per instruction set (-DFV_ISA=avx512|avx2|generic, with the
 * matching -march): with AVX-512 a 6×32 register-tiled kernel, with AVX2+FMA a 6×16 one (~100 GFLOP/s a core
 * on a Zen 4 either way: it runs 512-bit operations as two 256-bit halves), elsewhere a loop the compiler
 * vectorises. The same tile reads A or its transpose in place (fv_gemm_at). Also the SiLU backward product,
 * which needs IEEE arithmetic (no -ffast-math).
 */
#include <stdint.h>
#include <string.h>
#include "fv_isa.h"
#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))
#include <immintrin.h>
#endif

/* C[M×N] = A[M×K] · B[K×N] (+ bias[N] when given), all row-major and dense. */
#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))
/*
 * Few columns (the output layer: N = 2): a dot product per output along K, rather than a column tile of which
 * all but N lanes would be wasted (16× the work for N = 2). B's columns are copied contiguous first.
 */
#define SMALL_N 4
#define SMALL_N_MAX_K 1024
static void FV_FN(gemm_small_n)(int M, int K, int N, const float *A, const float *B, const float *bias, float *C) {
  float bt[SMALL_N][SMALL_N_MAX_K];
  for (int k = 0; k < K; k++)
    for (int j = 0; j < N; j++) bt[j][k] = B[(size_t)k * N + j];
  for (int i = 0; i < M; i++) {
    const float *a = A + (size_t)i * K;
    for (int j = 0; j < N; j++) {
      int k = 0;
#ifdef __AVX512F__
      __m512 acc = _mm512_setzero_ps();
      for (; k + 16 <= K; k += 16) acc = _mm512_fmadd_ps(_mm512_loadu_ps(a + k), _mm512_loadu_ps(bt[j] + k), acc);
      if (k < K) {
        __mmask16 m = (__mmask16)((1u << (K - k)) - 1);
        acc = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, a + k), _mm512_maskz_loadu_ps(m, bt[j] + k), acc);
        k = K;
      }
      float sum = _mm512_reduce_add_ps(acc);
#else
      __m256 acc = _mm256_setzero_ps();
      for (; k + 8 <= K; k += 8) acc = _mm256_fmadd_ps(_mm256_loadu_ps(a + k), _mm256_loadu_ps(bt[j] + k), acc);
      __m128 h = _mm_add_ps(_mm256_castps256_ps128(acc), _mm256_extractf128_ps(acc, 1));
      h = _mm_add_ps(h, _mm_movehl_ps(h, h));
      h = _mm_add_ss(h, _mm_shuffle_ps(h, h, 1));
      float sum = _mm_cvtss_f32(h);
      for (; k < K; k++) sum += a[k] * bt[j][k];
#endif
      C[(size_t)i * N + j] = bias ? sum + bias[j] : sum;
    }
  }
}
#endif

#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))
/* One vocabulary for both vector widths: the tile is 6 rows × 2 vectors (32 columns with AVX-512, 16 with AVX2). */
#ifdef __AVX512F__
typedef __m512 V;
typedef __mmask16 Mask;
#define VW 16
static inline Mask mask_for(int rem) { return rem >= 16 ? (Mask)0xFFFF : rem <= 0 ? (Mask)0 : (Mask)((1u << rem) - 1); }
#define LOADM(p, m) _mm512_maskz_loadu_ps(m, p)
#define STOREM(p, m, v) _mm512_mask_storeu_ps(p, m, v)
#define LOADF(p) _mm512_loadu_ps(p)
#define STOREF(p, v) _mm512_storeu_ps(p, v)
#define BCAST(p) _mm512_set1_ps(*(p))
#define VFMA _mm512_fmadd_ps
#define VZERO _mm512_setzero_ps()
#else
typedef __m256 V;
typedef __m256i Mask;
#define VW 8
static inline Mask mask_for(int rem) { return _mm256_cmpgt_epi32(_mm256_set1_epi32(rem), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7)); }
/* Masked loads and stores only at the right edge: they cost more than plain ones on AMD CPUs. */
#define LOADM(p, m) _mm256_maskload_ps(p, m)
#define STOREM(p, m, v) _mm256_maskstore_ps(p, m, v)
#define LOADF(p) _mm256_loadu_ps(p)
#define STOREF(p, v) _mm256_storeu_ps(p, v)
#define BCAST(p) _mm256_broadcast_ss(p)
#define VFMA _mm256_fmadd_ps
#define VZERO _mm256_setzero_ps()
#endif

/*
 * R rows (R <= 6, a constant once inlined) × 2 vectors of C: c[r][·] = bias + Σk a(r, k)·b[k][·], where a(r, k)
 * is at a + r·rs + k·ks (rs = K, ks = 1 for A; rs = 1, ks = M for the transpose of a K×M matrix: no copy).
 * Accumulators stay in registers for the whole K loop.
 */
static inline __attribute__((always_inline)) void tile(const int R, int K, const float *a, int rs, int ks, const float *b, int N,
                                                       V bias0, V bias1, float *c, int full, Mask m0, Mask m1) {
  V acc[6][2];
  for (int r = 0; r < R; r++) { acc[r][0] = bias0; acc[r][1] = bias1; }
  if (full) {
    for (int k = 0; k < K; k++) {
      const float *bk = b + (size_t)k * N, *ak = a + (size_t)k * ks;
      V b0 = LOADF(bk), b1 = LOADF(bk + VW);
      for (int r = 0; r < R; r++) {
        V ar = BCAST(ak + (size_t)r * rs);
        acc[r][0] = VFMA(ar, b0, acc[r][0]);
        acc[r][1] = VFMA(ar, b1, acc[r][1]);
      }
    }
    for (int r = 0; r < R; r++) {
      STOREF(c + (size_t)r * N, acc[r][0]);
      STOREF(c + (size_t)r * N + VW, acc[r][1]);
    }
  } else {
    for (int k = 0; k < K; k++) {
      const float *bk = b + (size_t)k * N, *ak = a + (size_t)k * ks;
      V b0 = LOADM(bk, m0), b1 = LOADM(bk + VW, m1);
      for (int r = 0; r < R; r++) {
        V ar = BCAST(ak + (size_t)r * rs);
        acc[r][0] = VFMA(ar, b0, acc[r][0]);
        acc[r][1] = VFMA(ar, b1, acc[r][1]);
      }
    }
    for (int r = 0; r < R; r++) {
      STOREM(c + (size_t)r * N, m0, acc[r][0]);
      STOREM(c + (size_t)r * N + VW, m1, acc[r][1]);
    }
  }
}

static void FV_FN(gemm_tiled)(int M, int K, int N, const float *A, int rs, int ks, const float *B, const float *bias, float *C) {
  for (int j0 = 0; j0 < N; j0 += 2 * VW) {
    int rem = N - j0, full = rem >= 2 * VW;
    Mask m0 = mask_for(rem), m1 = mask_for(rem - VW);
    V bias0 = bias ? LOADM(bias + j0, m0) : VZERO, bias1 = bias ? LOADM(bias + j0 + VW, m1) : VZERO;
    const float *b = B + j0;
    float *c = C + j0;
    int i = 0;
    for (; i + 6 <= M; i += 6) tile(6, K, A + (size_t)i * rs, rs, ks, b, N, bias0, bias1, c + (size_t)i * N, full, m0, m1);
    /* The last 1-5 rows with a tile of their own height (a row at a time left the FMA units idle). */
    const float *a = A + (size_t)i * rs;
    c += (size_t)i * N;
    switch (M - i) {
      case 5: tile(5, K, a, rs, ks, b, N, bias0, bias1, c, full, m0, m1); break;
      case 4: tile(4, K, a, rs, ks, b, N, bias0, bias1, c, full, m0, m1); break;
      case 3: tile(3, K, a, rs, ks, b, N, bias0, bias1, c, full, m0, m1); break;
      case 2: tile(2, K, a, rs, ks, b, N, bias0, bias1, c, full, m0, m1); break;
      case 1: tile(1, K, a, rs, ks, b, N, bias0, bias1, c, full, m0, m1); break;
      default: break;
    }
  }
}
#endif

#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))
/*
 * Aᵀ·B with few columns (the output layer's weight gradient: N = 2): vectors along A's rows (C's rows), one
 * accumulator per column, rather than a 2-vector column tile of which all but N lanes are wasted. Each output is
 * the same chain of fused multiply-adds in the same order of k as the tile's: the same floats.
 */
static void FV_FN(gemm_at_small_n)(int M, int K, int N, const float *A, const float *B, const float *bias, float *C) {
  float tmp[SMALL_N][VW];
  for (int i0 = 0; i0 < M; i0 += VW) {
    int rem = M - i0, full = rem >= VW;
    Mask m = mask_for(rem);
    V acc[SMALL_N];
    for (int j = 0; j < N; j++) acc[j] = bias ? BCAST(bias + j) : VZERO;
    for (int k = 0; k < K; k++) {
      const float *ak = A + (size_t)k * M + i0, *bk = B + (size_t)k * N;
      V a = full ? LOADF(ak) : LOADM(ak, m);
      for (int j = 0; j < N; j++) acc[j] = VFMA(a, BCAST(bk + j), acc[j]);
    }
    for (int j = 0; j < N; j++) STOREF(tmp[j], acc[j]);
    for (int l = 0; l < VW && l < rem; l++)
      for (int j = 0; j < N; j++) C[(size_t)(i0 + l) * N + j] = tmp[j][l];
  }
}

#endif

void FV_FN(fv_gemm)(int M, int K, int N, const float *A, const float *B, const float *bias, float *C) {
#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))
  if (N <= SMALL_N && K <= SMALL_N_MAX_K) FV_FN(gemm_small_n)(M, K, N, A, B, bias, C);
  else FV_FN(gemm_tiled)(M, K, N, A, K, 1, B, bias, C);
#else
  for (int i = 0; i < M; i++) {
    float *restrict c = C + (size_t)i * N;
    if (bias) memcpy(c, bias, sizeof(float) * N); else memset(c, 0, sizeof(float) * N);
    for (int k = 0; k < K; k++) {
      const float a = A[(size_t)i * K + k];
      const float *restrict b = B + (size_t)k * N;
      for (int j = 0; j < N; j++) c[j] += a * b[j];
    }
  }
#endif
}

void FV_FN(fv_gemm_at)(int M, int K, int N, const float *A, const float *B, const float *bias, float *C) {
#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))
  if (N <= SMALL_N) FV_FN(gemm_at_small_n)(M, K, N, A, B, bias, C);
  else FV_FN(gemm_tiled)(M, K, N, A, 1, M, B, bias, C);
#else
  for (int i = 0; i < M; i++) {
    float *restrict c = C + (size_t)i * N;
    if (bias) memcpy(c, bias, sizeof(float) * N); else memset(c, 0, sizeof(float) * N);
    for (int k = 0; k < K; k++) {
      const float a = A[(size_t)k * M + i];
      const float *restrict b = B + (size_t)k * N;
      for (int j = 0; j < N; j++) c[j] += a * b[j];
    }
  }
#endif
}

/* out = aᵀ (a: rows×cols, out: cols×rows). With AVX, 8×8 blocks transposed in registers (unpack, shuffle,
 * permute: ~8× fewer instructions than an element at a time, which took ~5% of a training step); the edges and
 * other CPUs a blocked scalar loop. A pure copy: every instruction set gives the same floats. */
void FV_FN(fv_transpose)(int rows, int cols, const float *a, float *out) {
  int r8 = 0, c8 = 0;
#ifdef __AVX__
  r8 = rows & ~7, c8 = cols & ~7;
  for (int r0 = 0; r0 < r8; r0 += 8)
    for (int c0 = 0; c0 < c8; c0 += 8) {
      const float *s = a + (size_t)r0 * cols + c0;
      __m256 x0 = _mm256_loadu_ps(s), x1 = _mm256_loadu_ps(s + cols), x2 = _mm256_loadu_ps(s + 2 * (size_t)cols),
             x3 = _mm256_loadu_ps(s + 3 * (size_t)cols), x4 = _mm256_loadu_ps(s + 4 * (size_t)cols), x5 = _mm256_loadu_ps(s + 5 * (size_t)cols),
             x6 = _mm256_loadu_ps(s + 6 * (size_t)cols), x7 = _mm256_loadu_ps(s + 7 * (size_t)cols);
      __m256 t0 = _mm256_unpacklo_ps(x0, x1), t1 = _mm256_unpackhi_ps(x0, x1), t2 = _mm256_unpacklo_ps(x2, x3), t3 = _mm256_unpackhi_ps(x2, x3),
             t4 = _mm256_unpacklo_ps(x4, x5), t5 = _mm256_unpackhi_ps(x4, x5), t6 = _mm256_unpacklo_ps(x6, x7), t7 = _mm256_unpackhi_ps(x6, x7);
      __m256 u0 = _mm256_shuffle_ps(t0, t2, 0x44), u1 = _mm256_shuffle_ps(t0, t2, 0xEE), u2 = _mm256_shuffle_ps(t1, t3, 0x44),
             u3 = _mm256_shuffle_ps(t1, t3, 0xEE), u4 = _mm256_shuffle_ps(t4, t6, 0x44), u5 = _mm256_shuffle_ps(t4, t6, 0xEE),
             u6 = _mm256_shuffle_ps(t5, t7, 0x44), u7 = _mm256_shuffle_ps(t5, t7, 0xEE);
      float *d = out + (size_t)c0 * rows + r0;
      _mm256_storeu_ps(d, _mm256_permute2f128_ps(u0, u4, 0x20));
      _mm256_storeu_ps(d + rows, _mm256_permute2f128_ps(u1, u5, 0x20));
      _mm256_storeu_ps(d + 2 * (size_t)rows, _mm256_permute2f128_ps(u2, u6, 0x20));
      _mm256_storeu_ps(d + 3 * (size_t)rows, _mm256_permute2f128_ps(u3, u7, 0x20));
      _mm256_storeu_ps(d + 4 * (size_t)rows, _mm256_permute2f128_ps(u0, u4, 0x31));
      _mm256_storeu_ps(d + 5 * (size_t)rows, _mm256_permute2f128_ps(u1, u5, 0x31));
      _mm256_storeu_ps(d + 6 * (size_t)rows, _mm256_permute2f128_ps(u2, u6, 0x31));
      _mm256_storeu_ps(d + 7 * (size_t)rows, _mm256_permute2f128_ps(u3, u7, 0x31));
    }
#endif
  /* The right edge (columns c8…) of the block rows done above, then the bottom rows r8… in full. */
  for (int r = 0; r < r8; r++)
    for (int c = c8; c < cols; c++) out[(size_t)c * rows + r] = a[(size_t)r * cols + c];
  for (int r0 = r8; r0 < rows; r0 += 32)
    for (int c0 = 0; c0 < cols; c0 += 32) {
      int r1 = r0 + 32 < rows ? r0 + 32 : rows, c1 = c0 + 32 < cols ? c0 + 32 : cols;
      for (int r = r0; r < r1; r++)
        for (int c = c0; c < c1; c++) out[(size_t)c * rows + r] = a[(size_t)r * cols + c];
    }
}

/* out[j] = Σ_r a[r·cols + j] over the rows in order (a bias gradient): the compiler vectorises along j with
 * this set's width; each sum is the same chain of additions as a scalar loop's. */
void FV_FN(fv_colsum)(int rows, int cols, const float *restrict a, float *restrict out) {
  for (int j = 0; j < cols; j++) out[j] = 0;
  for (int r = 0; r < rows; r++) {
    const float *restrict ar = a + (size_t)r * cols;
    for (int j = 0; j < cols; j++) out[j] += ar[j];
  }
}

void FV_FN(fv_silu_grad)(size_t n, float *restrict g, const float *restrict s, const float *restrict h) {
  /* SiLU'(z) = s (1 + z (1 - s)) = s + h - h s, with h = z s the layer's output. */
  for (size_t k = 0; k < n; k++) g[k] *= s[k] + h[k] - h[k] * s[k];
}
