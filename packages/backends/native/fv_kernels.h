/*
 * The dense kernels shared by the native models (fv_mlp.c and any other architecture written in C): matrix
 * product, transpose, SiLU. These signatures are stable: add functions rather than change them.
 * All matrices are row-major and dense, float32.
 */
#ifndef FV_KERNELS_H
#define FV_KERNELS_H
#include <stddef.h>

/* C[M×N] = A[M×K] · B[K×N] (+ bias[N] broadcast over rows when bias is not NULL). */
void fv_gemm(int M, int K, int N, const float *A, const float *B, const float *bias, float *C);

/* out[c·rows + r] = a[r·cols + c]: out is a transposed (cols×rows). */
void fv_transpose(int rows, int cols, const float *a, float *out);

/* h <- SiLU(h) in place over n values, and s <- sigmoid of the input when s is not NULL (for the backward pass). */
void fv_silu(size_t n, float *restrict s, float *restrict h);

#endif
