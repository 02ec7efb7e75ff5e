/*
 * SiLU and sin/cos of fv_kernels.h, compiled per instruction set with -ffast-math: glibc declares its
 * vectorised expf/sinf/cosf (libmvec) only then, and without them SiLU cost as much as all the matrix products of
 * sampling, and the time embedding's scalar sinf/cosf a tenth of a training step. Only this file gets the flag;
 * the products and sums keep IEEE semantics. With AVX2 or AVX-512, SiLU uses its own vectorised exp (below).
 */
#include <math.h>
#include "fv_isa.h"

/* expf's argument is capped at 80: under -ffast-math, 1/(1 + inf) is computed with a refined reciprocal that
 * gives NaN, which made training diverge once a pre-activation fell below -88. sigmoid(-80) ~ 2e-35: no change. */

#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))
#include <immintrin.h>
/*
 * exp(x) for x in [-87, 80] (the caller clamps), vectorised: x = n·ln2 + r with |r| <= ln2/2 (Cody-Waite, two
 * parts of ln2), e^r by Cephes' degree-6 polynomial (~1 ulp), times 2^n. Every step is an explicit fused
 * multiply-add, which -ffast-math may not reassociate. ~4× faster than libmvec's expf followed by a division
 * here, which made SiLU a tenth of the sampling time.
 */
#define EXP_C(name, v) static const float name = v
EXP_C(LOG2E, 1.44269504088896341f);
EXP_C(LN2_HI, 0.693359375f);
EXP_C(LN2_LO, -2.12194440e-4f);
EXP_C(P0, 1.9875691500e-4f);
EXP_C(P1, 1.3981999507e-3f);
EXP_C(P2, 8.3334519073e-3f);
EXP_C(P3, 4.1665795894e-2f);
EXP_C(P4, 1.6666665459e-1f);
EXP_C(P5, 5.0000001201e-1f);
#endif

#ifdef __AVX512F__
typedef __m512 V;
#define W 16
#define SET1 _mm512_set1_ps
#define FMA _mm512_fmadd_ps
#define FNMA _mm512_fnmadd_ps
#define MUL _mm512_mul_ps
#define ADD _mm512_add_ps
#define DIV _mm512_div_ps
#define MIN _mm512_min_ps
#define MAX _mm512_max_ps
#define ROUND(x) _mm512_roundscale_ps(x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC)
#define POW2(p, n) _mm512_scalef_ps(p, n)
#define LOAD _mm512_loadu_ps
#define STORE _mm512_storeu_ps
#define ABS _mm512_abs_ps
#define COPYSIGN(mag, x) _mm512_castsi512_ps(_mm512_or_si512(_mm512_castps_si512(mag), _mm512_and_si512(_mm512_castps_si512(x), _mm512_set1_epi32((int)0x80000000))))
#elif defined(__AVX2__) && defined(__FMA__)
typedef __m256 V;
#define W 8
#define SET1 _mm256_set1_ps
#define FMA _mm256_fmadd_ps
#define FNMA _mm256_fnmadd_ps
#define MUL _mm256_mul_ps
#define ADD _mm256_add_ps
#define DIV _mm256_div_ps
#define MIN _mm256_min_ps
#define MAX _mm256_max_ps
#define ROUND(x) _mm256_round_ps(x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC)
/* p·2^n by adding n to the exponent bits: n is in [-126, 116] for x in [-87, 80]. */
#define POW2(p, n) _mm256_castsi256_ps(_mm256_add_epi32(_mm256_castps_si256(p), _mm256_slli_epi32(_mm256_cvtps_epi32(n), 23)))
#define LOAD _mm256_loadu_ps
#define STORE _mm256_storeu_ps
#define ABS(x) _mm256_andnot_ps(_mm256_set1_ps(-0.0f), x)
#define COPYSIGN(mag, x) _mm256_or_ps(mag, _mm256_and_ps(x, _mm256_set1_ps(-0.0f)))
#endif

#ifdef W
static inline V vexp(V x) {
  V n = ROUND(MUL(x, SET1(LOG2E)));
  V r = FNMA(n, SET1(LN2_HI), x);
  r = FNMA(n, SET1(LN2_LO), r);
  V p = SET1(P0);
  p = FMA(p, r, SET1(P1));
  p = FMA(p, r, SET1(P2));
  p = FMA(p, r, SET1(P3));
  p = FMA(p, r, SET1(P4));
  p = FMA(p, r, SET1(P5));
  p = FMA(p, MUL(r, r), ADD(r, SET1(1.0f)));
  return POW2(p, n);
}

/* sigmoid(z) = 1 / (1 + e^-z), with -z clamped to [-87, 80] as the scalar code does (see above). */
static inline V vsigmoid(V z) {
  V e = vexp(MAX(MIN(-z, SET1(80.0f)), SET1(-87.0f)));
  return DIV(SET1(1.0f), ADD(SET1(1.0f), e));
}
#endif

void FV_FN(fv_silu)(size_t n, float *restrict s, float *restrict h) {
  size_t i = 0;
#ifdef W
  for (; i + W <= n; i += W) {
    V z = LOAD(h + i), si = vsigmoid(z);
    if (s) STORE(s + i, si);
    STORE(h + i, MUL(z, si));
  }
#endif
  if (s) {
    for (; i < n; i++) {
      float zi = h[i], si = 1.0f / (1.0f + expf(fminf(-zi, 80.0f)));
      s[i] = si;
      h[i] = zi * si;
    }
  } else {
    for (; i < n; i++) {
      float zi = h[i];
      h[i] = zi / (1.0f + expf(fminf(-zi, 80.0f)));
    }
  }
}

void FV_FN(fv_sincos)(size_t n, const float *restrict a, float *restrict out) {
  for (size_t i = 0; i < n; i++) out[i] = sinf(a[i]);
  for (size_t i = 0; i < n; i++) out[n + i] = cosf(a[i]);
}

/*
 * Exact GELU (torch.nn.GELU(): z·Φ(z) = 0.5·z·(1 + erf(z/√2))) and its derivative Φ(z) + z·φ(z), with erf by
 * Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7, so GELU to ~1e-7 of |z|): the formula PyTorch's own vectorised CPU
 * erf and tfjs's Erf kernel use. exp(−x²) with x = z/√2 is also e^(−z²/2), which φ needs: one exp serves both.
 */
#define ERF_P 0.3275911f
#define ERF_A1 0.254829592f
#define ERF_A2 -0.284496736f
#define ERF_A3 1.421413741f
#define ERF_A4 -1.453152027f
#define ERF_A5 1.061405429f
#define GELU_SQRT1_2 0.70710678118654752440f
#define GELU_INV_SQRT_2PI 0.39894228040143267794f

/* erf(x) and e = exp(−x²) (capped: beyond |x|² = 87 erf is ±1 in float32). */
static inline float erf_e(float x, float *e) {
  float a = fabsf(x), t = 1.0f / (1.0f + ERF_P * a);
  *e = expf(-fminf(a * a, 87.0f));
  float y = 1.0f - (((((ERF_A5 * t + ERF_A4) * t) + ERF_A3) * t + ERF_A2) * t + ERF_A1) * t * *e;
  return copysignf(y, x);
}

#ifdef W
static inline V verf_e(V x, V *e) {
  V a = ABS(x), t = DIV(SET1(1.0f), FMA(SET1(ERF_P), a, SET1(1.0f)));
  *e = vexp(MAX(FNMA(a, a, SET1(0.0f)), SET1(-87.0f)));
  V p = FMA(SET1(ERF_A5), t, SET1(ERF_A4));
  p = FMA(p, t, SET1(ERF_A3));
  p = FMA(p, t, SET1(ERF_A2));
  p = FMA(p, t, SET1(ERF_A1));
  V y = FNMA(MUL(p, t), *e, SET1(1.0f));
  return COPYSIGN(y, x);
}
#endif

void FV_FN(fv_gelu)(size_t n, const float *restrict z, float *restrict a) {
  size_t i = 0;
#ifdef W
  for (; i + W <= n; i += W) {
    V zi = LOAD(z + i), e;
    V erf = verf_e(MUL(zi, SET1(GELU_SQRT1_2)), &e);
    STORE(a + i, MUL(MUL(zi, SET1(0.5f)), ADD(SET1(1.0f), erf)));
  }
#endif
  for (; i < n; i++) {
    float e, erf = erf_e(z[i] * GELU_SQRT1_2, &e);
    a[i] = z[i] * 0.5f * (1.0f + erf);
  }
}

void FV_FN(fv_gelu_grad)(size_t n, float *restrict g, const float *restrict z) {
  size_t i = 0;
#ifdef W
  for (; i + W <= n; i += W) {
    V zi = LOAD(z + i), e;
    V erf = verf_e(MUL(zi, SET1(GELU_SQRT1_2)), &e);
    V cdf = MUL(SET1(0.5f), ADD(SET1(1.0f), erf));
    STORE(g + i, MUL(LOAD(g + i), FMA(zi, MUL(e, SET1(GELU_INV_SQRT_2PI)), cdf)));
  }
#endif
  for (; i < n; i++) {
    float e, erf = erf_e(z[i] * GELU_SQRT1_2, &e);
    g[i] *= 0.5f * (1.0f + erf) + z[i] * e * GELU_INV_SQRT_2PI;
  }
}
