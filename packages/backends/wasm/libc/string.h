/* memcpy / memset for wasm32 without a libc: bulk-memory instructions (memory.copy, memory.fill). */
#ifndef FV_WASM_STRING_H
#define FV_WASM_STRING_H
#include <stddef.h>
void *memcpy(void *restrict d, const void *restrict s, size_t n);
void *memset(void *d, int c, size_t n);
void *memmove(void *d, const void *s, size_t n);
#define memcpy(d, s, n) __builtin_memcpy(d, s, n)
#define memset(d, c, n) __builtin_memset(d, c, n)
#define memmove(d, s, n) __builtin_memmove(d, s, n)
#endif
