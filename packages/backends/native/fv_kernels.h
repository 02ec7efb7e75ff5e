/*
 * The dense kernels shared by the native models (fv_mlp_*.c, fv_resmlp.c and any other architecture written in C): matrix
 * product, transpose, SiLU, Adam, and a small thread pool to split work over the cores. These signatures are
 * stable: add functions rather than change them. All matrices are row-major and dense, float32.
 *
 * The arithmetic kernels exist once per instruction set (fv_gemm.c, fv_act.c, fv_adam.c compiled for AVX-512,
 * AVX2+FMA and the x86-64 baseline); fv_dispatch.c picks one set at load from the CPU's features, or the one
 * named by FV_NATIVE_ISA (avx512, avx2, generic). The functions below call the chosen set.
 */
#ifndef FV_KERNELS_H
#define FV_KERNELS_H
#include <stddef.h>
#include <stdint.h>

/* C[M×N] = A[M×K] · B[K×N] (+ bias[N] broadcast over rows when bias is not NULL). */
void fv_gemm(int M, int K, int N, const float *A, const float *B, const float *bias, float *C);

/* C[M×N] = Aᵀ · B (+ bias[N]), with A stored K×M row-major: the product with a transpose, without making it. */
void fv_gemm_at(int M, int K, int N, const float *A, const float *B, const float *bias, float *C);

/* out[c·rows + r] = a[r·cols + c]: out is a transposed (cols×rows). */
void fv_transpose(int rows, int cols, const float *a, float *out);

/* out[j] = Σ_r a[r·cols + j] (rows in order): column sums of a rows×cols matrix, e.g. a bias gradient. */
void fv_colsum(int rows, int cols, const float *a, float *out);

/* h <- SiLU(h) in place over n values, and s <- sigmoid of the input when s is not NULL (for the backward pass). */
void fv_silu(size_t n, float *restrict s, float *restrict h);

/* g <- g · SiLU'(z) over n values, from s = sigmoid(z) and h = z·s kept by the forward pass. */
void fv_silu_grad(size_t n, float *restrict g, const float *restrict s, const float *restrict h);

/* a[i] = GELU(z[i]), the exact (erf) GELU of torch.nn.GELU(), erf to 1.5e-7 (Abramowitz & Stegun 7.1.26, as
 * PyTorch's vectorised CPU kernel and tfjs compute it). */
void fv_gelu(size_t n, const float *restrict z, float *restrict a);

/* g[i] <- g[i] · GELU'(z[i]) = g[i] · (Φ(z) + z·φ(z)). */
void fv_gelu_grad(size_t n, float *restrict g, const float *restrict z);

/* out[k] = sin(a[k]) for k < n, out[n + k] = cos(a[k]) (vectorised; a few ulp). */
void fv_sincos(size_t n, const float *restrict a, float *restrict out);

/*
 * One Adam step (PyTorch's rule, no weight decay) over n parameters, then, when ema is not NULL, the moving
 * average ema <- ema + emaC·(p - ema). In float32 as PyTorch, the same floats on every instruction set (the
 * JavaScript adamStep/emaStep round from doubles: an ulp apart now and then):
 * m <- b1 m + c1 g; v <- b2 v + c2 g²; p <- p - stepSize·m/(sqrt(v)·invSqrtBc2 + eps).
 * stream (x86): p written with non-temporal stores, for parameters that other threads read every step (fv_adam.c).
 */
void fv_adam(size_t n, float *p, float *m, float *v, const float *g, double b1, double b2, double c1, double c2,
             double stepSize, double invSqrtBc2, double eps, float *ema, double emaC, int stream);

/* fv_adam with the gradient g + g1, which it also stores into g (g <- g + g1, the same IEEE sum as a separate pass). */
void fv_adam_sum2(size_t n, float *p, float *m, float *v, float *g, const float *g1, double b1, double b2, double c1, double c2,
                  double stepSize, double invSqrtBc2, double eps, float *ema, double emaC, int stream);

/* The Sinkhorn–Knopp scaling loop of an entropic OT plan (fv_sinkhorn.c) over the float32 kernel K (n×n,
 * row-major): fills v (n doubles) so that the plan's row i is proportional to K_ij·v_j; work holds 3n doubles.
 * Stops when every row marginal is within tol (relative) of its target, or after maxIter iterations; returns
 * the iterations done. The couplings package's sinkhorn-scaling.ts is the same loop in JavaScript. */
int fv_sinkhorn_scale(int n, const float *K, int maxIter, double tol, double *v, double *work);

/* The kernel K_ij = exp(−(C_ij − min_j C_ij)/ε) of the squared distances between a and b (n 2D points each,
 * interleaved), ε = reg·(1 | mean cost | max cost) for scale 0 | 1 | 2 (at least 1e-12); rowMin gets each row's
 * minimum cost. Returns ε. fv_sinkhorn_plan.c; the couplings package's sinkhorn-plan.ts in JavaScript. */
double fv_sinkhorn_kernel(int n, const float *a, const float *b, int scale, double reg, float *K, double *rowMin);

/* One column per row drawn from the plan's row K_ij·v_j: out[i] = the first j where uniform[i]·Σ_j K_ij·v_j
 * falls below the running sum (n − 1 when rounding leaves it above). fv_sinkhorn_plan.c. */
void fv_sinkhorn_draw(int n, const float *K, const double *v, const double *uniform, int32_t *out);

/* malloc, except that every allocation over FV_NATIVE_FAIL_ALLOC_ABOVE bytes (when that variable is set) returns NULL,
 * so that tests can check the out-of-memory paths. Callers must handle NULL (free() releases it). */
void *fv_alloc(size_t bytes);

/* ---- instruction set ---- */
/* The kernels in use: "avx512", "avx2" or "generic". */
const char *fv_isa(void);
/* Comma-separated kernel sets this CPU can run, best first. */
const char *fv_isas_supported(void);
/* Uses the named set: 0 done, -1 unknown name, -2 this CPU lacks its instructions. */
int fv_select_isa(const char *name);

/* ---- threads ---- */
/* Runs fn(ctx, k) for k = 0 … tasks-1 over the pool (the calling thread included) and returns when all are done.
 * Tasks are handed out dynamically: their results must not depend on which thread runs them. Called while the
 * pool is busy (from a task, or from another thread), it runs the tasks in the caller, one after another. */
typedef void (*fv_task_fn)(void *ctx, int task);
void fv_parallel_for(int tasks, fv_task_fn fn, void *ctx);
/* The same, except that the tasks are split in one block per thread and each thread runs its own block first (and
 * then helps with the others'): with the same task count from call to call, task k runs on the same thread, and
 * the data it touches stays in that core's caches (e.g. a slice of the optimiser's state). */
void fv_parallel_for_affine(int tasks, fv_task_fn fn, void *ctx);
/* The thread running the calling task: 0 the caller of fv_parallel_for…, 1 … the pool's workers. */
int fv_pool_thread(void);
/* The threads an fv_parallel_for of that many tasks called now would run on (1: the caller alone). */
int fv_job_threads(int tasks);
/* The tasks [*lo, *hi) that thread me would run first in an fv_parallel_for_affine of that many tasks called now
 * (none when the job would not take that thread). */
void fv_affine_block(int tasks, int me, int *lo, int *hi);
/* Threads fv_parallel_for uses (1: no pool). */
void fv_set_threads(int n);
int fv_get_threads(void);

/* ---- profile (for the benchmark: seconds spent per kind of work, summed over threads) ---- */
enum { FV_PROF_GEMM, FV_PROF_ACT, FV_PROF_ADAM, FV_PROF_EMBED, FV_PROF_SYNC, FV_PROF_OTHER, FV_PROF_N };
extern int fv_prof_on;
double fv_now(void);
void fv_prof_add(int kind, double seconds);
void fv_prof_read(double out[FV_PROF_N], int reset);

#endif
