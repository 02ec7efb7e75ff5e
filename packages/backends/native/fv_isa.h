/*
 * Internal to the addon: each per-instruction-set file (fv_gemm.c, fv_act.c, fv_adam.c) is compiled once per
 * set with -DFV_ISA=<name> and its functions get the suffix _<name>; fv_dispatch.c gathers them in tables.
 */
#ifndef FV_ISA_H
#define FV_ISA_H
/* Static helpers of those files that the compiler may keep out of line take the suffix too (FV_FN), so that
 * every function holding AVX instructions is named for its set (a test reads the disassembly). */
#include <stddef.h>

#define FV_CAT2(a, b) a##_##b
#define FV_CAT(a, b) FV_CAT2(a, b)
#ifdef FV_ISA
#define FV_FN(f) FV_CAT(f, FV_ISA)
#endif

#define FV_DECLARE_ISA(isa)                                                                                       \
  void fv_gemm_##isa(int M, int K, int N, const float *A, const float *B, const float *bias, float *C);          \
  void fv_gemm_at_##isa(int M, int K, int N, const float *A, const float *B, const float *bias, float *C);       \
  void fv_silu_##isa(size_t n, float *restrict s, float *restrict h);                                             \
  void fv_silu_grad_##isa(size_t n, float *restrict g, const float *restrict s, const float *restrict h);         \
  void fv_sincos_##isa(size_t n, const float *restrict a, float *restrict out);                                   \
  void fv_gelu_##isa(size_t n, const float *restrict z, float *restrict a);                                       \
  void fv_gelu_grad_##isa(size_t n, float *restrict g, const float *restrict z);                                  \
  void fv_adam_##isa(size_t n, float *p, float *m, float *v, const float *g, double b1, double b2, double c1,     \
                     double c2, double stepSize, double invSqrtBc2, double eps, float *ema, double emaC, int stream); \
  void fv_transpose_##isa(int rows, int cols, const float *a, float *out);                                       \
  void fv_colsum_##isa(int rows, int cols, const float *restrict a, float *restrict out);                       \
  void fv_adam_sum2_##isa(size_t n, float *p, float *m, float *v, float *g, const float *g1, double b1, double b2, \
                          double c1, double c2, double stepSize, double invSqrtBc2, double eps, float *ema, double emaC, int stream); \
  int fv_sinkhorn_scale_##isa(int n, const float *K, int maxIter, double tol, double *v, double *work);

FV_DECLARE_ISA(generic)
#if defined(__x86_64__) || defined(_M_X64)
#define FV_X86 1
FV_DECLARE_ISA(avx2)
FV_DECLARE_ISA(avx512)
#endif

#endif
