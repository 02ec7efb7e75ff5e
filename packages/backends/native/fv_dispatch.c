/*
 * Picks the kernel set at load: the best this CPU runs (AVX-512 > AVX2+FMA > x86-64 baseline), found with
 * cpuid through __builtin_cpu_supports, or the one FV_NATIVE_ISA names (fv_addon.c reads it). The public
 * functions of fv_kernels.h call the chosen set, timing each call into the profile when it is on.
 * Compiled for the baseline: nothing here may use instructions a CPU might lack.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "fv_isa.h"
#include "fv_kernels.h"

typedef struct {
  const char *name;
  void (*gemm)(int, int, int, const float *, const float *, const float *, float *);
  void (*gemm_at)(int, int, int, const float *, const float *, const float *, float *);
  void (*silu)(size_t, float *restrict, float *restrict);
  void (*silu_grad)(size_t, float *restrict, const float *restrict, const float *restrict);
  void (*sincos)(size_t, const float *restrict, float *restrict);
  void (*adam)(size_t, float *, float *, float *, const float *, double, double, double, double, double, double, double, float *, double, int);
  void (*transpose)(int, int, const float *, float *);
  void (*colsum)(int, int, const float *restrict, float *restrict);
  void (*adam_sum2)(size_t, float *, float *, float *, float *, const float *, double, double, double, double, double, double, double, float *, double, int);
  void (*gelu)(size_t, const float *restrict, float *restrict);
  void (*gelu_grad)(size_t, float *restrict, const float *restrict);
  int (*sinkhorn_scale)(int, const float *, int, double, double *, double *);
} Isa;

#define FV_ISA_ENTRY(isa) { #isa, fv_gemm_##isa, fv_gemm_at_##isa, fv_silu_##isa, fv_silu_grad_##isa, fv_sincos_##isa, fv_adam_##isa, fv_transpose_##isa, fv_colsum_##isa, fv_adam_sum2_##isa, fv_gelu_##isa, fv_gelu_grad_##isa, fv_sinkhorn_scale_##isa }
static const Isa isas[] = {
#ifdef FV_X86
  FV_ISA_ENTRY(avx512),
  FV_ISA_ENTRY(avx2),
#endif
  FV_ISA_ENTRY(generic),
};
#define N_ISAS (int)(sizeof isas / sizeof isas[0])

static int supported(const Isa *s) {
#ifdef FV_X86
  __builtin_cpu_init();
  /* x86-64-v4 as compiled (fv_gemm.c etc. for avx512 use F, VL, BW, DQ, CD) and x86-64-v3 (AVX2, FMA, BMI, F16C…). */
  if (!strcmp(s->name, "avx512"))
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx2") &&
           __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi2");
  if (!strcmp(s->name, "avx2"))
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi") &&
           __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("f16c") && __builtin_cpu_supports("movbe");
#endif
  return !strcmp(s->name, "generic");
}

static const Isa *cur;

static const Isa *current(void) {
  if (!cur)
    for (int i = 0; i < N_ISAS && !cur; i++)
      if (supported(&isas[i])) cur = &isas[i];
  return cur;
}

const char *fv_isa(void) { return current()->name; }

const char *fv_isas_supported(void) {
  static char buf[64];
  if (!buf[0])
    for (int i = 0; i < N_ISAS; i++)
      if (supported(&isas[i])) {
        if (buf[0]) strcat(buf, ",");
        strcat(buf, isas[i].name);
      }
  return buf;
}

int fv_select_isa(const char *name) {
  for (int i = 0; i < N_ISAS; i++)
    if (!strcmp(isas[i].name, name)) {
      if (!supported(&isas[i])) return -2;
      cur = &isas[i];
      return 0;
    }
  return -1;
}

/* ---- profile ---- */
int fv_prof_on;
/* Seconds as the bits of doubles, so that threads can add with a compare-and-swap. */
static long long prof_bits[FV_PROF_N];

double fv_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void fv_prof_add(int kind, double seconds) {
  long long o = __atomic_load_n(&prof_bits[kind], __ATOMIC_RELAXED), n;
  for (;;) {
    double v;
    memcpy(&v, &o, sizeof v);
    v += seconds;
    memcpy(&n, &v, sizeof n);
    if (__atomic_compare_exchange_n(&prof_bits[kind], &o, n, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) return;
  }
}

void fv_prof_read(double out[FV_PROF_N], int reset) {
  for (int i = 0; i < FV_PROF_N; i++) {
    long long b = reset ? __atomic_exchange_n(&prof_bits[i], 0LL, __ATOMIC_RELAXED) : __atomic_load_n(&prof_bits[i], __ATOMIC_RELAXED);
    memcpy(&out[i], &b, sizeof b);
  }
}

#define TIMED(kind, call)                                    \
  do {                                                       \
    if (!fv_prof_on) { call; break; }                        \
    double t0_ = fv_now();                                   \
    call;                                                    \
    fv_prof_add(kind, fv_now() - t0_);                       \
  } while (0)

/* ---- the kernels, through the chosen set ---- */

void fv_gemm(int M, int K, int N, const float *A, const float *B, const float *bias, float *C) {
  TIMED(FV_PROF_GEMM, current()->gemm(M, K, N, A, B, bias, C));
}

void fv_gemm_at(int M, int K, int N, const float *A, const float *B, const float *bias, float *C) {
  TIMED(FV_PROF_GEMM, current()->gemm_at(M, K, N, A, B, bias, C));
}

void fv_silu(size_t n, float *restrict s, float *restrict h) { TIMED(FV_PROF_ACT, current()->silu(n, s, h)); }

void fv_silu_grad(size_t n, float *restrict g, const float *restrict s, const float *restrict h) {
  TIMED(FV_PROF_ACT, current()->silu_grad(n, g, s, h));
}

void fv_sincos(size_t n, const float *restrict a, float *restrict out) { TIMED(FV_PROF_EMBED, current()->sincos(n, a, out)); }

void fv_gelu(size_t n, const float *restrict z, float *restrict a) { TIMED(FV_PROF_ACT, current()->gelu(n, z, a)); }

void fv_gelu_grad(size_t n, float *restrict g, const float *restrict z) { TIMED(FV_PROF_ACT, current()->gelu_grad(n, g, z)); }

void fv_adam(size_t n, float *p, float *m, float *v, const float *g, double b1, double b2, double c1, double c2,
             double stepSize, double invSqrtBc2, double eps, float *ema, double emaC, int stream) {
  TIMED(FV_PROF_ADAM, current()->adam(n, p, m, v, g, b1, b2, c1, c2, stepSize, invSqrtBc2, eps, ema, emaC, stream));
}

void fv_adam_sum2(size_t n, float *p, float *m, float *v, float *g, const float *g1, double b1, double b2, double c1, double c2,
                  double stepSize, double invSqrtBc2, double eps, float *ema, double emaC, int stream) {
  TIMED(FV_PROF_ADAM, current()->adam_sum2(n, p, m, v, g, g1, b1, b2, c1, c2, stepSize, invSqrtBc2, eps, ema, emaC, stream));
}

/* Part of "other" in the profile. */
void fv_colsum(int rows, int cols, const float *a, float *out) { TIMED(FV_PROF_OTHER, current()->colsum(rows, cols, a, out)); }

/* Part of the matrix products' time in the profile. */
void fv_transpose(int rows, int cols, const float *a, float *out) { TIMED(FV_PROF_GEMM, current()->transpose(rows, cols, a, out)); }

/* Not timed: it is no part of a training step (the pairing calls it, between steps). */
int fv_sinkhorn_scale(int n, const float *K, int maxIter, double tol, double *v, double *work) {
  return current()->sinkhorn_scale(n, K, maxIter, tol, v, work);
}

void *fv_alloc(size_t bytes) {
  static long long limit = -2; /* -2: not read yet, -1: no limit */
  long long l = __atomic_load_n(&limit, __ATOMIC_RELAXED);
  if (l == -2) {
    const char *e = getenv("FV_NATIVE_FAIL_ALLOC_ABOVE");
    l = e && *e ? atoll(e) : -1;
    __atomic_store_n(&limit, l, __ATOMIC_RELAXED);
  }
  if (l >= 0 && bytes > (size_t)l) return NULL;
  return malloc(bytes);
}
