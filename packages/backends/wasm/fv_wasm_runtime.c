/*
 * What the native kernels take from fv_pool.c and fv_dispatch.c, for WebAssembly. One-thread module
 * (FV_WASM_THREADS 0): tasks run in order on the caller. Threaded module (1, a shared memory): Web Workers (or
 * Node worker threads) each run fvw_worker(), waiting on the job word with memory.atomic.wait32; a job's tasks are
 * claimed from a counter by the caller and the workers. Which thread runs a task never changes its floats: the
 * batch's parts are summed in part order afterwards (fv_step.c), as by the native pool.
 */
#include <stdlib.h>
#include "fv_kernels.h"

#ifndef FV_WASM_THREADS
#define FV_WASM_THREADS 0
#endif
#define EXPORT(name) __attribute__((export_name(#name)))

void *fv_alloc(size_t bytes) { return malloc(bytes); }

/* Threads the next jobs may use (the caller included), and the workers started (fvw_worker running). */
static int threads = 1;
static int workers_up;

#if FV_WASM_THREADS
typedef struct {
  int gen;     /* bumped for each job: the workers wait on it */
  int next;    /* next task to claim */
  int done;    /* tasks finished: the caller waits on it */
  int tasks, helpers;
  fv_task_fn fn;
  void *ctx;
} Job;
static Job job;
static int busy; /* a job is running: a nested fv_parallel_for runs its tasks in the caller */

static void run_claimed(void) {
  for (;;) {
    int k = __atomic_fetch_add(&job.next, 1, __ATOMIC_ACQ_REL);
    if (k >= job.tasks) return;
    job.fn(job.ctx, k);
    if (__atomic_add_fetch(&job.done, 1, __ATOMIC_ACQ_REL) == job.tasks) __builtin_wasm_memory_atomic_notify(&job.done, 1);
  }
}

/* A worker's loop (never returns): wait for a job it is part of, help with its tasks. me: 1, 2, … */
EXPORT(fvw_worker) void fvw_worker(int me) {
  __atomic_add_fetch(&workers_up, 1, __ATOMIC_ACQ_REL);
  int seen = __atomic_load_n(&job.gen, __ATOMIC_ACQUIRE);
  for (;;) {
    int g;
    /* A short spin first: steps follow each other within microseconds while training. */
    for (int i = 0; i < 20000 && (g = __atomic_load_n(&job.gen, __ATOMIC_ACQUIRE)) == seen; i++) {
    }
    while ((g = __atomic_load_n(&job.gen, __ATOMIC_ACQUIRE)) == seen) __builtin_wasm_memory_atomic_wait32(&job.gen, seen, -1);
    seen = g;
    if (me < job.helpers + 1) run_claimed();
  }
}

static void parallel_for(int tasks, fv_task_fn fn, void *ctx) {
  int helpers = threads - 1;
  if (helpers > __atomic_load_n(&workers_up, __ATOMIC_ACQUIRE)) helpers = __atomic_load_n(&workers_up, __ATOMIC_ACQUIRE);
  if (helpers > tasks - 1) helpers = tasks - 1;
  if (helpers <= 0 || __atomic_exchange_n(&busy, 1, __ATOMIC_ACQUIRE)) {
    for (int k = 0; k < tasks; k++) fn(ctx, k);
    return;
  }
  job.tasks = tasks, job.helpers = helpers, job.fn = fn, job.ctx = ctx;
  __atomic_store_n(&job.done, 0, __ATOMIC_RELAXED);
  __atomic_store_n(&job.next, 0, __ATOMIC_RELEASE);
  __atomic_add_fetch(&job.gen, 1, __ATOMIC_ACQ_REL);
  __builtin_wasm_memory_atomic_notify(&job.gen, (unsigned)helpers);
  run_claimed();
  int d;
  for (int i = 0; i < 200000 && (d = __atomic_load_n(&job.done, __ATOMIC_ACQUIRE)) < tasks; i++) {
  }
  while ((d = __atomic_load_n(&job.done, __ATOMIC_ACQUIRE)) < tasks) __builtin_wasm_memory_atomic_wait32(&job.done, d, 1000000);
  __atomic_store_n(&busy, 0, __ATOMIC_RELEASE);
}
#else
static void parallel_for(int tasks, fv_task_fn fn, void *ctx) {
  for (int k = 0; k < tasks; k++) fn(ctx, k);
}
#endif

void fv_parallel_for(int tasks, fv_task_fn fn, void *ctx) { parallel_for(tasks, fn, ctx); }
/* Affine placement only keeps caches warm natively; here tasks go to whichever thread is free (same floats). */
void fv_parallel_for_affine(int tasks, fv_task_fn fn, void *ctx) { parallel_for(tasks, fn, ctx); }
/* fv_step.c asks for the thread only to drop cache lines (flush_others), which never happens here (no CLFLUSHOPT). */
int fv_pool_thread(void) { return 0; }
int fv_job_threads(int tasks) { return tasks < threads ? tasks : threads; }
void fv_affine_block(int tasks, int me, int *lo, int *hi) {
  *lo = 0;
  *hi = me == 0 ? tasks : 0;
}
void fv_set_threads(int n) { threads = n < 1 ? 1 : n; }
int fv_get_threads(void) { return threads; }

/* Threads for the next calls (at most 1 + the workers started); returns the count in use. */
EXPORT(fvw_set_threads) int fvw_set_threads(int n) {
  int up = __atomic_load_n(&workers_up, __ATOMIC_ACQUIRE);
  fv_set_threads(n > up + 1 ? up + 1 : n);
  return threads;
}
EXPORT(fvw_workers_up) int fvw_workers_up(void) { return __atomic_load_n(&workers_up, __ATOMIC_ACQUIRE); }

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
