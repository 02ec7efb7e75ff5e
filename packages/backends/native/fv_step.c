/*
 * A training step over the pool for any FvModel (fv_step.h): the batch in parts, one task each
 * (fv_parallel_for_affine), partial gradients summed in part order, then Adam on each slice of the parameters.
 * Compiled for the x86-64 baseline.
 *
 * Two ways to keep Adam's stores from waiting on other cores. Every thread reads all the parameters in its part's
 * forward and backward pass, and then each updates its own slices. A store to a line another core holds must
 * first take that copy away, one round trip per 64-byte line, and Adam stores densely enough to stall on them:
 * with 2 threads it took 0.24 ms per step against 0.07 on 1 thread on a Zen 4 VM, and 1.2 ms when the VM's two
 * cores were placed farther apart.
 * - flush: when every thread runs one part, each drops (CLFLUSHOPT, clean lines: no write-back) its copies of the
 *   slices other threads will update, right after its backward pass. Adam then stores into lines no other core
 *   holds, the updated slices stay in their owner's cache, and the next forward pass reads them from there.
 * - stream (otherwise, and without CLFLUSHOPT): Adam writes the parameters with non-temporal stores (fv_adam.c),
 *   which wait for no copy, and the next forward pass reads them from memory.
 * Fastest step of the default model, 2 threads, with the VM's cores near / far apart (scripts/bench-native-step.mjs):
 * plain 1.16-1.18 / 1.68-1.70 ms, stream 1.12 / 1.18-1.19 ms, flush 1.10 / 1.14 ms. The values are the same in all three.
 */
#include <stdlib.h>
#include <string.h>
#include "fv_cache.h"
#include "fv_kernels.h"
#include "fv_step.h"

typedef struct {
  const FvModel *model;
  const float *P, *x, *t, *y;
  float scale;
  int n, parts;
  float *grad;  /* part 0's gradient, and the sum */
  float *extra; /* parts 1… : (parts-1) × size */
  size_t size;
  double sse[FV_MAX_PARTS];
  int ok[FV_MAX_PARTS];
  /* When set: after the sum, Adam on each slice while it is in cache (k: as fv_adam's constants). */
  float *p, *m, *v, *ema;
  const double *k;
  double emaC;
  int slices; /* of the parameters, for the sum and Adam */
  int stream; /* Adam streams the parameters out (fv_adam.c): threads other than the writer read them */
  int flush;  /* each part's thread drops its copies of the parameters other threads update (flush_others) */
} GradJob;

/* Drops this thread's copies of the parameters in the slices that other threads update first (their affine blocks
 * of the sum-and-Adam job). Only where this thread's own block is non-empty and its edges are line-aligned. */
static void flush_others(const GradJob *j) {
  int lo, hi;
  fv_affine_block(j->slices, fv_pool_thread(), &lo, &hi);
  if (lo >= hi) return;
  size_t a = fv_slice_start(j->p, j->size, lo, j->slices), b = fv_slice_start(j->p, j->size, hi, j->slices);
  /* The lines that hold a slice edge may hold own parameters too: keep them (a, b are line-aligned unless 0 / size). */
  if (a > 0) fv_flush_lines(j->p, a);
  if (b < j->size) fv_flush_lines(j->p + b, j->size - b);
}

static void grad_task(void *ctx, int k) {
  GradJob *j = ctx;
  const FvModel *m = j->model;
  int a = (int)((long long)k * j->n / j->parts), b = (int)((long long)(k + 1) * j->n / j->parts);
  float *g = k == 0 ? j->grad : j->extra + (size_t)(k - 1) * j->size;
  if (b == a) {
    memset(g, 0, sizeof(float) * j->size);
    j->sse[k] = 0;
    j->ok[k] = 1;
    return;
  }
  j->ok[k] = m->loss_and_grad(m, j->P, b - a, j->x + (size_t)a * m->in, j->t + a, j->y + (size_t)a * m->out, j->scale, g, &j->sse[k]);
  if (j->flush) flush_others(j);
}

/* Sums the parts' gradients over one slice of the parameters, each element in part order whoever runs it; then,
 * when asked, Adam on that slice. */
#define SUM_SLICES 8

static void sum_task(void *ctx, int s) {
  GradJob *j = ctx;
  size_t a = fv_slice_start(j->p ? j->p : j->grad, j->size, s, j->slices), b = fv_slice_start(j->p ? j->p : j->grad, j->size, s + 1, j->slices);
  /* With Adam, the last part's addition happens inside Adam's pass (fv_adam_sum2): one pass over the slice less. */
  int fuse = j->k && j->parts > 1, last = fuse ? j->parts - 1 : j->parts;
  double t0 = fv_prof_on ? fv_now() : 0;
  for (int p = 1; p < last; p++) {
    const float *src = j->extra + (size_t)(p - 1) * j->size;
    for (size_t i = a; i < b; i++) j->grad[i] += src[i];
  }
  if (fv_prof_on) fv_prof_add(FV_PROF_OTHER, fv_now() - t0);
  if (j->k) {
    const double *k = j->k;
    float *ema = j->ema ? j->ema + a : NULL;
    if (fuse)
      fv_adam_sum2(b - a, j->p + a, j->m + a, j->v + a, j->grad + a, j->extra + (size_t)(last - 1) * j->size + a, k[0], k[1], k[2], k[3],
                   k[4], k[5], k[6], ema, j->emaC, j->stream);
    else
      fv_adam(b - a, j->p + a, j->m + a, j->v + a, j->grad + a, k[0], k[1], k[2], k[3], k[4], k[5], k[6], ema, j->emaC, j->stream);
  }
}

int fv_loss_and_grad_parts(const FvModel *model, const float *P, int n, const float *x, const float *t, const float *y, float scale,
                           float *grad, int parts, double *sse, const FvAdamStep *adam) {
  GradJob j = {model, P, x, t, y, scale, n, parts, grad, NULL, model->size, {0}, {0}, NULL, NULL, NULL, NULL, NULL, 0, 1, 0, 0};
  if (adam) {
    j.p = adam->p, j.m = adam->m, j.v = adam->v, j.ema = adam->ema, j.k = adam->k, j.emaC = adam->emaC;
  }
  if (parts > 1 && !(j.extra = fv_alloc(sizeof(float) * j.size * (parts - 1)))) return 0;
  /* The sum of the parts and Adam: one pass over the parameters, in slices over the pool (after the parts). */
  j.slices = j.size >= 4096 ? SUM_SLICES : 1;
  if (j.slices > 1 && fv_get_threads() > 1) {
    j.flush = j.p && parts > 1 && fv_job_threads(parts) == parts && fv_has_clflushopt(); /* one part per thread */
    j.stream = !j.flush;
  }
  /* Affine: part k on thread k, step after step (flush_others relies on it only for speed). */
  fv_parallel_for_affine(parts, grad_task, &j);
  int ok = 1;
  for (int k = 0; k < parts; k++) ok &= j.ok[k];
  if (ok && (parts > 1 || adam)) fv_parallel_for_affine(j.slices, sum_task, &j);
  free(j.extra);
  /* The same order as the JavaScript sum of the parts' errors: ((0 + sse0) + sse1) + … */
  double s = 0;
  for (int k = 0; k < parts; k++) s += j.sse[k];
  *sse = s;
  return ok;
}

/* ---- Adam alone (the optimiser 'adam': gradient first, then this), in slices over the pool ---- */

typedef struct {
  const FvAdamStep *a;
  const float *g;
  size_t n;
} AdamJob;

#define ADAM_SLICES 4
static void adam_task(void *ctx, int s) {
  AdamJob *j = ctx;
  const FvAdamStep *a = j->a;
  size_t lo = fv_slice_start(a->p, j->n, s, ADAM_SLICES), hi = fv_slice_start(a->p, j->n, s + 1, ADAM_SLICES);
  const double *k = a->k;
  fv_adam(hi - lo, a->p + lo, a->m + lo, a->v + lo, j->g + lo, k[0], k[1], k[2], k[3], k[4], k[5], k[6], a->ema ? a->ema + lo : NULL, a->emaC,
          fv_get_threads() > 1);
}

void fv_adam_parallel(size_t n, const FvAdamStep *a, const float *g) {
  AdamJob j = {a, g, n};
  const double *k = a->k;
  if (n >= 4096) fv_parallel_for(ADAM_SLICES, adam_task, &j);
  else fv_adam(n, a->p, a->m, a->v, g, k[0], k[1], k[2], k[3], k[4], k[5], k[6], a->ema, a->emaC, 0);
}
