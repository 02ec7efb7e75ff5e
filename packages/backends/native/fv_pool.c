/*
 * The thread pool behind fv_parallel_for: workers started on first use and kept; each job is announced by
 * bumping a generation number. A worker spins briefly for the next job (training steps come ~1 ms apart, and a
 * sleeping thread takes tens of µs to wake) and then sleeps on a condition variable, so an idle pool costs no CPU.
 * Tasks are claimed from a shared counter, so a thread that the OS (or a busy machine) holds back delays the
 * job by at most the task it holds. One job at a time: a call that finds the pool busy runs its tasks alone.
 */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include "fv_kernels.h"

#define MAX_THREADS 64
/* ~1-2 ms of polling before sleeping (a pause is ~10-40 ns). */
#define SPIN 50000
/* The caller, once its own tasks are done, polls less before yielding its core: on a busy machine the thread it waits
 * for may need that core. */
#define SPIN_CALLER 4000

static pthread_mutex_t busy = PTHREAD_MUTEX_INITIALIZER; /* held by the thread running a job */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int threads = 1, started = 0;
/* The job's generation and how many workers it takes, in one word read atomically: generation << 8 | workers. */
static unsigned long long ticket;
static fv_task_fn job_fn;
static void *job_ctx;
static int job_tasks, next_task, finished;
/* Affine jobs (fv_parallel_for_affine): the threads taking part, and a claim flag per task. */
#define MAX_AFFINE 64
static int job_affine, job_threads;
static int claimed[MAX_AFFINE];
static unsigned long long start_gen[MAX_THREADS]; /* the generation current when each worker was created: its first job is the next */

static inline void relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

static inline void claim_run(int k) {
  if (!__atomic_exchange_n(&claimed[k], 1, __ATOMIC_RELAXED)) job_fn(job_ctx, k);
}

static __thread int pool_me; /* the thread running this code: 0 the caller, 1 … the workers */

int fv_pool_thread(void) { return pool_me; }

/* The block of an affine job's tasks that thread me runs first, with nt threads taking part. */
static void affine_block(int tasks, int nt, int me, int *lo, int *hi) {
  *lo = me * tasks / nt;
  *hi = (me + 1) * tasks / nt;
}

/* As parallel_for counts them: the caller and the workers started, at most one thread per task. */
int fv_job_threads(int tasks) {
  if (threads <= 1 || tasks <= 1) return 1;
  int nt = threads - 1 < started ? threads : started + 1;
  return nt < tasks ? nt : tasks;
}

void fv_affine_block(int tasks, int me, int *lo, int *hi) {
  int nt = fv_job_threads(tasks);
  if (me >= nt) *lo = *hi = 0;
  else affine_block(tasks, nt, me, lo, hi);
}

/* me: 0 for the caller, 1 … for the workers. */
static void run_tasks(int me) {
  pool_me = me;
  if (!job_affine) {
    int k;
    while ((k = __atomic_fetch_add(&next_task, 1, __ATOMIC_RELAXED)) < job_tasks) job_fn(job_ctx, k);
    return;
  }
  /* Its own block of tasks first, front to back; then the others' blocks back to front (a thread held back by the
   * OS loses the tasks it has not begun, and an owner and a helper meet only at the last task). */
  int nt = job_threads, n = job_tasks, lo, hi;
  affine_block(n, nt, me, &lo, &hi);
  for (int k = lo; k < hi; k++) claim_run(k);
  for (int o = 1; o < nt; o++) {
    affine_block(n, nt, (me + o) % nt, &lo, &hi);
    for (int k = hi - 1; k >= lo; k--) claim_run(k);
  }
}

static void *worker(void *arg) {
  int id = (int)(intptr_t)arg; /* 1 … started */
  unsigned long long seen = start_gen[id], t;
  for (;;) {
    int spins = 0;
    while ((t = __atomic_load_n(&ticket, __ATOMIC_ACQUIRE)) >> 8 == seen) {
      if (++spins < SPIN) {
        relax();
        continue;
      }
      pthread_mutex_lock(&mu);
      while ((t = __atomic_load_n(&ticket, __ATOMIC_ACQUIRE)) >> 8 == seen) pthread_cond_wait(&cv, &mu);
      pthread_mutex_unlock(&mu);
      break;
    }
    seen = t >> 8;
    /* A worker the job does not take reads nothing else of it; one it takes is waited for, so the job's fields
     * cannot change under it. */
    if (id > (int)(t & 0xff)) continue;
    run_tasks(id);
    __atomic_fetch_add(&finished, 1, __ATOMIC_RELEASE);
  }
  return NULL;
}

void fv_set_threads(int n) {
  pthread_mutex_lock(&busy);
  threads = n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : n;
  pthread_mutex_unlock(&busy);
}

int fv_get_threads(void) { return threads; }

static void parallel_for(int tasks, fv_task_fn fn, void *ctx, int affine) {
  if (tasks <= 0) return;
  if (threads <= 1 || tasks == 1 || pthread_mutex_trylock(&busy) != 0) {
    for (int k = 0; k < tasks; k++) fn(ctx, k);
    return;
  }
  /* Start the missing workers (a failure to start one only means fewer threads). */
  while (started < threads - 1) {
    pthread_t th;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    start_gen[started + 1] = ticket >> 8;
    int ok = pthread_create(&th, &attr, worker, (void *)(intptr_t)(started + 1)) == 0;
    pthread_attr_destroy(&attr);
    if (!ok) break;
    started++;
  }
  int workers = threads - 1 < started ? threads - 1 : started;
  if (tasks - 1 < workers) workers = tasks - 1;
  job_fn = fn;
  job_ctx = ctx;
  job_tasks = tasks;
  next_task = 0;
  job_affine = affine && tasks <= MAX_AFFINE;
  job_threads = workers + 1;
  if (job_affine)
    for (int k = 0; k < tasks; k++) claimed[k] = 0;
  finished = 0;
  pthread_mutex_lock(&mu);
  __atomic_store_n(&ticket, (((ticket >> 8) + 1) << 8) | (unsigned long long)workers, __ATOMIC_RELEASE);
  pthread_cond_broadcast(&cv);
  pthread_mutex_unlock(&mu);
  run_tasks(0);
  /* Wait for the job's workers to check out, so that none still reads its fields when the next begins. */
  double t0 = fv_prof_on ? fv_now() : 0;
  for (int spins = 0; __atomic_load_n(&finished, __ATOMIC_ACQUIRE) < workers; spins++) {
    if (spins < SPIN_CALLER) relax();
    else sched_yield();
  }
  if (fv_prof_on) fv_prof_add(FV_PROF_SYNC, fv_now() - t0);
  pthread_mutex_unlock(&busy);
}

void fv_parallel_for(int tasks, fv_task_fn fn, void *ctx) { parallel_for(tasks, fn, ctx, 0); }

void fv_parallel_for_affine(int tasks, fv_task_fn fn, void *ctx) { parallel_for(tasks, fn, ctx, 1); }
