/* The residual MLP (model.architecture=resmlp) in C: fv_resmlp.c. */
#ifndef FV_RESMLP_H
#define FV_RESMLP_H
#include "fv_model.h"

/* fv_model_from for the residual MLP: dims = [dataDim, width, nBlocks], freqs of (width − dataDim)/2. */
const char *fv_resmlp_from(const int32_t *dims, size_t ndims, const float *freqs, size_t nfreqs, FvModel *m);

#endif
