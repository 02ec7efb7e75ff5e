/*
 * The matrix product of fv_kernels.h, compiled once per instruction set (-DFV_ISA=avx512|avx2|generic, with the
 * matching -march): with AVX-512 a 6×32 register-tiled kernel, with AVX2+FMA a 6×16 one (~100 GFLOP/s a core
 * on a Zen 4 either way: it runs 512-bit operations as two 256-bit halves), elsewhere a loop the compiler
 * vectorises. Also the SiLU backward product, which needs IEEE arithmetic (no -ffast-math).
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

void FV_FN(fv_gemm)(int M, int K, int N, const float *A, const float *B, const float *bias, float *C) {
#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))
  if (N <= SMALL_N && K <= SMALL_N_MAX_K) {
    FV_FN(gemm_small_n)(M, K, N, A, B, bias, C);
    return;
  }
#endif
#ifdef __AVX512F__
  for (int j0 = 0; j0 < N; j0 += 32) {
    int rem = N - j0;
    __mmask16 m0 = rem >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << rem) - 1);
    __mmask16 m1 = rem >= 32 ? (__mmask16)0xFFFF : rem > 16 ? (__mmask16)((1u << (rem - 16)) - 1) : (__mmask16)0;
    __m512 bias0 = bias ? _mm512_maskz_loadu_ps(m0, bias + j0) : _mm512_setzero_ps();
    __m512 bias1 = bias ? _mm512_maskz_loadu_ps(m1, bias + j0 + 16) : _mm512_setzero_ps();
    int i = 0;
    for (; i + 6 <= M; i += 6) {
      __m512 c[6][2];
      for (int r = 0; r < 6; r++) { c[r][0] = bias0; c[r][1] = bias1; }
      const float *a = A + (size_t)i * K;
      for (int k = 0; k < K; k++) {
        const float *b = B + (size_t)k * N + j0;
        __m512 b0 = _mm512_maskz_loadu_ps(m0, b), b1 = _mm512_maskz_loadu_ps(m1, b + 16);
        for (int r = 0; r < 6; r++) {
          __m512 ar = _mm512_set1_ps(a[(size_t)r * K + k]);
          c[r][0] = _mm512_fmadd_ps(ar, b0, c[r][0]);
          c[r][1] = _mm512_fmadd_ps(ar, b1, c[r][1]);
        }
      }
      for (int r = 0; r < 6; r++) {
        _mm512_mask_storeu_ps(C + (size_t)(i + r) * N + j0, m0, c[r][0]);
        _mm512_mask_storeu_ps(C + (size_t)(i + r) * N + j0 + 16, m1, c[r][1]);
      }
    }
    for (; i < M; i++) {
      __m512 c0 = bias0, c1 = bias1;
      for (int k = 0; k < K; k++) {
        const float *b = B + (size_t)k * N + j0;
        __m512 ar = _mm512_set1_ps(A[(size_t)i * K + k]);
        c0 = _mm512_fmadd_ps(ar, _mm512_maskz_loadu_ps(m0, b), c0);
        c1 = _mm512_fmadd_ps(ar, _mm512_maskz_loadu_ps(m1, b + 16), c1);
      }
      _mm512_mask_storeu_ps(C + (size_t)i * N + j0, m0, c0);
      _mm512_mask_storeu_ps(C + (size_t)i * N + j0 + 16, m1, c1);
    }
  }
#elif defined(__AVX2__) && defined(__FMA__)
  /* 6×16 tile in 12 ymm accumulators; the last column block is masked. */
  for (int j0 = 0; j0 < N; j0 += 16) {
    int rem = N - j0;
    __m256i m0, m1;
    {
      int32_t l0[8], l1[8];
      for (int q = 0; q < 8; q++) { l0[q] = q < rem ? -1 : 0; l1[q] = q + 8 < rem ? -1 : 0; }
      m0 = _mm256_loadu_si256((const __m256i *)l0);
      m1 = _mm256_loadu_si256((const __m256i *)l1);
    }
    __m256 bias0 = bias ? _mm256_maskload_ps(bias + j0, m0) : _mm256_setzero_ps();
    __m256 bias1 = bias ? _mm256_maskload_ps(bias + j0 + 8, m1) : _mm256_setzero_ps();
    int i = 0;
    for (; i + 6 <= M; i += 6) {
      __m256 c[6][2];
      for (int r = 0; r < 6; r++) { c[r][0] = bias0; c[r][1] = bias1; }
      const float *a = A + (size_t)i * K;
      if (rem >= 16) {
        /* Full block: plain loads and stores (masked ones cost more on AMD CPUs). */
        for (int k = 0; k < K; k++) {
          const float *b = B + (size_t)k * N + j0;
          __m256 b0 = _mm256_loadu_ps(b), b1 = _mm256_loadu_ps(b + 8);
          for (int r = 0; r < 6; r++) {
            __m256 ar = _mm256_broadcast_ss(a + (size_t)r * K + k);
            c[r][0] = _mm256_fmadd_ps(ar, b0, c[r][0]);
            c[r][1] = _mm256_fmadd_ps(ar, b1, c[r][1]);
          }
        }
        for (int r = 0; r < 6; r++) {
          _mm256_storeu_ps(C + (size_t)(i + r) * N + j0, c[r][0]);
          _mm256_storeu_ps(C + (size_t)(i + r) * N + j0 + 8, c[r][1]);
        }
        continue;
      }
      for (int k = 0; k < K; k++) {
        const float *b = B + (size_t)k * N + j0;
        __m256 b0 = _mm256_maskload_ps(b, m0), b1 = _mm256_maskload_ps(b + 8, m1);
        for (int r = 0; r < 6; r++) {
          __m256 ar = _mm256_set1_ps(a[(size_t)r * K + k]);
          c[r][0] = _mm256_fmadd_ps(ar, b0, c[r][0]);
          c[r][1] = _mm256_fmadd_ps(ar, b1, c[r][1]);
        }
      }
      for (int r = 0; r < 6; r++) {
        _mm256_maskstore_ps(C + (size_t)(i + r) * N + j0, m0, c[r][0]);
        _mm256_maskstore_ps(C + (size_t)(i + r) * N + j0 + 8, m1, c[r][1]);
      }
    }
    for (; i < M; i++) {
      __m256 c0 = bias0, c1 = bias1;
      for (int k = 0; k < K; k++) {
        const float *b = B + (size_t)k * N + j0;
        __m256 ar = _mm256_set1_ps(A[(size_t)i * K + k]);
        c0 = _mm256_fmadd_ps(ar, _mm256_maskload_ps(b, m0), c0);
        c1 = _mm256_fmadd_ps(ar, _mm256_maskload_ps(b + 8, m1), c1);
      }
      _mm256_maskstore_ps(C + (size_t)i * N + j0, m0, c0);
      _mm256_maskstore_ps(C + (size_t)i * N + j0 + 8, m1, c1);
    }
  }
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

void FV_FN(fv_silu_grad)(size_t n, float *restrict g, const float *restrict s, const float *restrict h) {
  /* SiLU'(z) = s (1 + z (1 - s)) = s + h - h s, with h = z s the layer's output. */
  for (size_t k = 0; k < n; k++) g[k] *= s[k] + h[k] - h[k] * s[k];
}
