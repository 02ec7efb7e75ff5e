/*
 * The MLP's Jacobian (likelihood) for the page: native/fv_jacobian.c's forward-mode pass (JacNet, jac_task) compiled
 * as it is, its Node-API wrapper against inert stubs (napi-stub/node_api.h), and this export in its place: the same
 * time-embedding fold (jac_time_bias) and blocks of rows over the pool as js_jacobian.
 */
#include "fv_jacobian.c"

/*
 * v(x, t) and ∂v/∂x (jac[(row·d + out)·d + in]) of n rows at time ts; dx: 0, or (Fourier features) each row's
 * derivative along each x_j, n·d rows of the input width. 0 on bad dims or sizes, -1 out of memory.
 */
__attribute__((export_name("fvw_jacobian"))) int fvw_jacobian(const int32_t *dims, int ndims, const float *freqs, int nfreqs, const float *P,
                                                               int n, const float *x, float ts, float *v, float *jac, const float *dx) {
  JacNet net;
  if (!jac_net(dims, (size_t)ndims, &net)) return 0;
  if (nfreqs != (net.dims[0] - net.din) / 2) return 0;
  float *c = jac_time_bias(&net, P, freqs, ts);
  if (!c) return -1;
  JacJob job = {&net, P, x, c, dx, n, v, jac, 0};
  if (n > 0) fv_parallel_for((n + JAC_ROWS - 1) / JAC_ROWS, jac_task, &job);
  free(c);
  return job.oom ? -1 : 1;
}
