/* The residual network of the C2OT playground (model.architecture=resnet) in C: fv_proj_resnet.c. */
#ifndef FV_PROJ_RESNET_H
#define FV_PROJ_RESNET_H
#include "fv_model.h"

/* fv_model_from for it: dims = [dataDim, width, nBlocks, hidden (width·expansion), activation (0 GELU, 1 SiLU)], no freqs. */
const char *fv_proj_resnet_from(const int32_t *dims, size_t ndims, const float *freqs, size_t nfreqs, FvModel *m);

#endif
