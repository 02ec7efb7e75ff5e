/*
 * What the native kernels take from fv_pool.c and fv_dispatch.c, for one WebAssembly thread: tasks run in order on
 * the caller (the batch's parts are still summed in part order: the same floats as the native pool's), memory from
 * wasi-libc's malloc, no profile.
 */
#include <stdlib.h>
#include "fv_kernels.h"

void *fv_alloc(size_t bytes) { return malloc(bytes); }

void fv_parallel_for(int tasks, fv_task_fn fn, void *ctx) {
  for (int k = 0; k < tasks; k++) fn(ctx, k);
}
void fv_parallel_for_affine(int tasks, fv_task_fn fn, void *ctx) { fv_parallel_for(tasks, fn, ctx); }
int fv_pool_thread(void) { return 0; }
int fv_job_threads(int tasks) { return tasks > 0 ? 1 : 0; }
void fv_affine_block(int tasks, int me, int *lo, int *hi) {
  *lo = 0;
  *hi = me == 0 ? tasks : 0;
}
void fv_set_threads(int n) { (void)n; }
int fv_get_threads(void) { return 1; }

const char *fv_isa(void) { return "wasm-simd128"; }
const char *fv_isas_supported(void) { return "wasm-simd128"; }
int fv_select_isa(const char *name) { (void)name; return -1; }

int fv_prof_on = 0;
double fv_now(void) { return 0; }
void fv_prof_add(int kind, double seconds) { (void)kind, (void)seconds; }
void fv_prof_read(double out[FV_PROF_N], int reset) {
  (void)reset;
  for (int i = 0; i < FV_PROF_N; i++) out[i] = 0;
}
