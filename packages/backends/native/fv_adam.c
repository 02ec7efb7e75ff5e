/*
 * Adam and the moving average of fv_kernels.h, compiled per instruction set with -ffp-contract=off: in float32
 * as PyTorch's Adam computes, every operation correctly rounded and none fused, so all sets give the same floats
 * (sqrt and division are exact-rounded in every SIMD width). The JavaScript adamStep rounds from doubles and
 * differs by an ulp now and then. In double precision this took ~7% of a training step (vsqrtpd/vdivpd are slow).
 */
#include <math.h>
#include "fv_isa.h"

/*
 * stream: the new parameters go out with non-temporal stores, for when other cores read them every step (the parts of
 * a batch on other threads run the next forward pass with all of them). A normal store to a line that another
 * core holds must first take that core's copy away, one round trip per 64-byte line: on a 2-core Zen 4 VM, writing
 * 560 KB that the other core had read took 255 µs against 12 µs unshared, and made Adam ~4× slower with 2 threads
 * than with 1. Non-temporal stores took 20 µs, shared or not, at the price of the next read coming from memory.
 * The values are the same either way; only where the stores go differs.
 */
#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#include <stdint.h>
#define FV_CAN_STREAM 1
#endif

/* g1 not NULL: the gradient is g + g1, stored back into g (the sum of a batch's last two parts, fused into this
 * pass rather than a pass of its own; the same IEEE addition). The new parameters go to out (p itself, or a
 * buffer the caller streams out). */
static inline __attribute__((always_inline)) void adam_body(size_t n, const float *p, float *restrict m, float *restrict v,
                                                            float *restrict g, const float *restrict g1, float fb1, float fb2,
                                                            float fc1, float fc2, float fs, float fk, float fe,
                                                            float *restrict ema, float fa, float *out) {
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
    out[i] = pi;
    if (ema) ema[i] += fa * (pi - ema[i]);
  }
}

#define STREAM_CHUNK 256 /* floats computed into a buffer on the stack, then streamed out: 1 KB, in L1 */

static void FV_FN(adam_run)(size_t n, float *p, float *m, float *v, float *g, const float *g1, double b1, double b2, double c1,
                             double c2, double stepSize, double invSqrtBc2, double eps, float *ema, double emaC, int stream) {
  const float fb1 = (float)b1, fb2 = (float)b2, fc1 = (float)c1, fc2 = (float)c2, fs = (float)stepSize, fk = (float)invSqrtBc2,
              fe = (float)eps, fa = (float)emaC;
#ifdef FV_CAN_STREAM
  if (stream) {
    float buf[STREAM_CHUNK] __attribute__((aligned(64)));
    /* Whole 64-byte lines only (a partial line streamed out costs a read at the memory): the rows before the
     * first line boundary and after the last are stored as usual. */
    size_t head = ((uintptr_t)p & 3) ? n : ((64 - ((uintptr_t)p & 63)) & 63) / 4;
    if (head > n) head = n;
    size_t body = (n - head) & ~(size_t)15;
    adam_body(head, p, m, v, g, g1, fb1, fb2, fc1, fc2, fs, fk, fe, ema, fa, p);
    for (size_t c0 = head; c0 < head + body; c0 += STREAM_CHUNK) {
      size_t cn = head + body - c0 < STREAM_CHUNK ? head + body - c0 : STREAM_CHUNK;
      adam_body(cn, p + c0, m + c0, v + c0, g + c0, g1 ? g1 + c0 : NULL, fb1, fb2, fc1, fc2, fs, fk, fe, ema ? ema + c0 : NULL, fa, buf);
      for (size_t i = 0; i < cn; i += 4) _mm_stream_ps(p + c0 + i, _mm_load_ps(buf + i));
    }
    size_t t0 = head + body;
    adam_body(n - t0, p + t0, m + t0, v + t0, g + t0, g1 ? g1 + t0 : NULL, fb1, fb2, fc1, fc2, fs, fk, fe, ema ? ema + t0 : NULL, fa, p + t0);
    _mm_sfence(); /* the streamed stores are not ordered by the pool's release: all out before this thread reports done */
    return;
  }
#endif
  (void)stream;
  adam_body(n, p, m, v, g, g1, fb1, fb2, fc1, fc2, fs, fk, fe, ema, fa, p);
}

void FV_FN(fv_adam)(size_t n, float *p, float *m, float *v, const float *g, double b1, double b2, double c1, double c2,
                    double stepSize, double invSqrtBc2, double eps, float *ema, double emaC, int stream) {
  FV_FN(adam_run)(n, p, m, v, (float *)g, NULL, b1, b2, c1, c2, stepSize, invSqrtBc2, eps, ema, emaC, stream);
}

void FV_FN(fv_adam_sum2)(size_t n, float *p, float *m, float *v, float *g, const float *g1, double b1, double b2, double c1,
                         double c2, double stepSize, double invSqrtBc2, double eps, float *ema, double emaC, int stream) {
  FV_FN(adam_run)(n, p, m, v, g, g1, b1, b2, c1, c2, stepSize, invSqrtBc2, eps, ema, emaC, stream);
}
