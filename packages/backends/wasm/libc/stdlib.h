/* The few C library declarations the kernels use, for wasm32 without a libc (fv_wasm_libc.c defines them). */
#ifndef FV_WASM_STDLIB_H
#define FV_WASM_STDLIB_H
#include <stddef.h>
void *malloc(size_t bytes);
void *aligned_alloc(size_t align, size_t bytes);
void free(void *p);
#endif
