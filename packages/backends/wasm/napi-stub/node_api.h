/*
 * Inert stand-ins for the few Node-API declarations native/fv_jacobian.c uses, so that fv_wasm_jacobian.c can
 * compile that file's Jacobian (its JacNet and jac_task) for WebAssembly. Its Node-API entry points are compiled
 * too but never called here: every stub fails.
 */
#ifndef FV_WASM_NAPI_STUB_H
#define FV_WASM_NAPI_STUB_H
#include <stddef.h>
typedef struct napi_env__ *napi_env;
typedef struct napi_value__ *napi_value;
typedef struct napi_callback_info__ *napi_callback_info;
typedef enum { napi_ok, napi_generic_failure } napi_status;
typedef enum { napi_int32_array = 6, napi_float32_array = 7 } napi_typedarray_type;
typedef napi_value (*napi_callback)(napi_env env, napi_callback_info info);
#define NAPI_AUTO_LENGTH ((size_t)-1)
static inline napi_status napi_throw_type_error(napi_env e, const char *c, const char *m) { (void)e, (void)c, (void)m; return napi_generic_failure; }
static inline napi_status napi_throw_error(napi_env e, const char *c, const char *m) { (void)e, (void)c, (void)m; return napi_generic_failure; }
static inline napi_status napi_get_typedarray_info(napi_env e, napi_value v, napi_typedarray_type *t, size_t *l, void **d, napi_value *ab, size_t *o) {
  (void)e, (void)v, (void)t, (void)l, (void)d, (void)ab, (void)o;
  return napi_generic_failure;
}
static inline napi_status napi_get_cb_info(napi_env e, napi_callback_info i, size_t *argc, napi_value *argv, napi_value *self, void **data) {
  (void)e, (void)i, (void)argv, (void)self, (void)data;
  *argc = 0;
  return napi_generic_failure;
}
static inline napi_status napi_get_value_double(napi_env e, napi_value v, double *r) { (void)e, (void)v, (void)r; return napi_generic_failure; }
static inline napi_status napi_create_function(napi_env e, const char *n, size_t l, napi_callback cb, void *d, napi_value *r) {
  (void)e, (void)n, (void)l, (void)cb, (void)d, (void)r;
  return napi_generic_failure;
}
static inline napi_status napi_set_named_property(napi_env e, napi_value o, const char *n, napi_value v) { (void)e, (void)o, (void)n, (void)v; return napi_generic_failure; }
#endif
