/* The exact (erf) GELU of torch.nn.GELU() and its derivative, for the residual network (fv_proj_resnet.c). */
#ifndef FV_GELU_H
#define FV_GELU_H
#include <stddef.h>

/* a[i] = GELU(z[i]) = z·Φ(z) = 0.5·z·(1 + erf(z/√2)), over n values. */
void fv_gelu(size_t n, const float *restrict z, float *restrict a);

/* g[i] <- g[i] · GELU'(z[i]), GELU'(z) = Φ(z) + z·φ(z) (PyTorch's backward formula). */
void fv_gelu_grad(size_t n, float *restrict g, const float *restrict z);

#endif
