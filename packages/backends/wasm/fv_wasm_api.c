/*
 * The module's exports, for src/wasm/wasm-net.ts: the MLP of fv_mlp_*.c and the training step of fv_step.c over
 * pointers into this module's memory (JavaScript copies the batch in and the results out). Every function that
 * allocates returns a failure value rather than trapping when memory runs out.
 */
#include <stdlib.h>
#include <string.h>
#include <wasm_simd128.h>
#include "fv_kernels.h"
#include "fv_mlp.h"
#include "fv_step.h"

typedef v128_t V;

#define EXPORT(name) __attribute__((export_name(#name)))

static const char *last_error = "";

EXPORT(fvw_last_error) const char *fvw_last_error(void) { return last_error; }

/* An MLP from JavaScript's dims and freqs (NativeNet's): NULL with fvw_last_error() when they are wrong. freqs is
 * copied: the caller may free its own. */
EXPORT(fvw_mlp_new) FvModel *fvw_mlp_new(const int32_t *dims, int ndims, const float *freqs, int nfreqs) {
  FvModel *m = aligned_alloc(16, sizeof(FvModel) + sizeof(float) * (size_t)(nfreqs > 0 ? nfreqs : 1));
  if (!m) return last_error = "out of memory", NULL;
  float *own = (float *)(m + 1);
  memcpy(own, freqs, sizeof(float) * (size_t)nfreqs);
  const char *err = fv_mlp_from(dims, (size_t)ndims, own, (size_t)nfreqs, m);
  if (err) {
    free(m);
    return last_error = err, NULL;
  }
  return m;
}

EXPORT(fvw_model_size) int fvw_model_size(const FvModel *m) { return (int)m->size; }

/* Sum of squared errors of the batch in `parts` (summed in part order), the gradient times scale into grad; with
 * k (Adam's 7 constants) the parts' sum and Adam (then the moving average when ema is not NULL) in the same call.
 * -1 when out of memory (nothing changed then). */
EXPORT(fvw_train_step)
double fvw_train_step(const FvModel *m, float *P, int n, const float *x, const float *t, const float *y, float scale, float *grad, int parts,
                      float *mo, float *v, const double *k, float *ema, double emaC) {
  double sse = 0;
  FvAdamStep adam = {P, mo, v, ema, k, emaC};
  if (n == 0 && !k) {
    memset(grad, 0, sizeof(float) * m->size);
    return 0;
  }
  if (!fv_loss_and_grad_parts(m, P, n, x, t, y, scale, grad, parts, &sse, k ? &adam : NULL)) return -1;
  return sse;
}

/* v(x, t) of n rows into out: t per row, or ts for all rows when t is NULL. 0 when out of memory. */
EXPORT(fvw_forward) int fvw_forward(const FvModel *m, const float *P, int n, const float *x, const float *t, float ts, float *out) {
  return m->forward(m, P, n, x, t, ts, out);
}

/* Adam then the moving average (k: as fvw_train_step's), after a gradient the caller prepared. */
EXPORT(fvw_adam) void fvw_adam(int n, float *p, float *mo, float *v, const float *g, const double *k, float *ema, double emaC) {
  fv_adam((size_t)n, p, mo, v, g, k[0], k[1], k[2], k[3], k[4], k[5], k[6], ema, emaC, 0);
}

/*
 * The peak this engine reaches for WebAssembly SIMD float arithmetic: `iters` rounds of 12 independent chains of
 * acc <- acc·a + b on 4 lanes (a multiply and an add each: 8 flops per chain and round, 96 a round). The chains
 * hide the latency; 12 accumulators and 2 constants fit x86's 16 vector registers. Returns a checksum so the
 * loop is kept.
 */
EXPORT(fvw_peak) float fvw_peak(int iters, float seed) {
  V a = wasm_f32x4_splat(0.999999f), b = wasm_f32x4_splat(1e-7f);
  V c0 = wasm_f32x4_splat(seed), c1 = wasm_f32x4_add(c0, b), c2 = wasm_f32x4_add(c1, b), c3 = wasm_f32x4_add(c2, b), c4 = wasm_f32x4_add(c3, b),
    c5 = wasm_f32x4_add(c4, b), c6 = wasm_f32x4_add(c5, b), c7 = wasm_f32x4_add(c6, b), c8 = wasm_f32x4_add(c7, b), c9 = wasm_f32x4_add(c8, b),
    c10 = wasm_f32x4_add(c9, b), c11 = wasm_f32x4_add(c10, b);
  for (int i = 0; i < iters; i++) {
#define STEP(c) c = wasm_f32x4_add(wasm_f32x4_mul(c, a), b)
    STEP(c0); STEP(c1); STEP(c2); STEP(c3); STEP(c4); STEP(c5); STEP(c6); STEP(c7); STEP(c8); STEP(c9); STEP(c10); STEP(c11);
#undef STEP
  }
  V s = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_add(c0, c1), wasm_f32x4_add(c2, c3)), wasm_f32x4_add(wasm_f32x4_add(c4, c5), wasm_f32x4_add(c6, c7)));
  s = wasm_f32x4_add(s, wasm_f32x4_add(wasm_f32x4_add(c8, c9), wasm_f32x4_add(c10, c11)));
  return wasm_f32x4_extract_lane(s, 0) + wasm_f32x4_extract_lane(s, 1) + wasm_f32x4_extract_lane(s, 2) + wasm_f32x4_extract_lane(s, 3);
}
