/*
 * The C library the kernels need, for wasm32 with no libc, the same in the one-thread and the threaded module (so
 * both give the same floats): malloc/free, safe across threads on a shared memory, and sinf, cosf, expf computed
 * in double and rounded once (within an ulp of glibc's, most often equal).
 */
#include <stddef.h>
#include <stdint.h>
#include "libc/math.h"
#include "libc/stdlib.h"
#include "libc/string.h"

#undef memcpy
#undef memset
#undef memmove
/* Calls the compiler did not inline: memory.copy / memory.fill (bulk memory). */
void *memcpy(void *restrict d, const void *restrict s, size_t n) { return __builtin_memcpy(d, s, n); }
void *memset(void *d, int c, size_t n) { return __builtin_memset(d, c, n); }
void *memmove(void *d, const void *s, size_t n) { return __builtin_memmove(d, s, n); }

/* ---- malloc: blocks of 2^c bytes (a 16-byte header holds c), a free list per size, taken from the top of the
 * heap when the list is empty. The training step allocates the same sizes every step: after the first, every
 * request is a pop from a list. Memory is never given back (it grows to what one step and one prediction use). */
extern unsigned char __heap_base;
#define CLASSES 32
static void *free_list[CLASSES];
static uintptr_t heap_top;
static int lock_word;

static void lock(void) {
  while (__atomic_exchange_n(&lock_word, 1, __ATOMIC_ACQUIRE)) {
  }
}
static void unlock(void) { __atomic_store_n(&lock_word, 0, __ATOMIC_RELEASE); }

void *malloc(size_t bytes) {
  if (bytes > ((size_t)1 << 30)) return NULL;
  int c = 5; /* 32 bytes: a header and 16 */
  while (((size_t)1 << c) < bytes + 16) c++;
  void *block;
  lock();
  if (free_list[c]) {
    block = free_list[c];
    free_list[c] = *(void **)((char *)block + 16);
  } else {
    if (!heap_top) heap_top = ((uintptr_t)&__heap_base + 15) & ~(uintptr_t)15;
    uintptr_t end = heap_top + ((size_t)1 << c), have = (uintptr_t)__builtin_wasm_memory_size(0) << 16;
    if (end < heap_top || (end > have && __builtin_wasm_memory_grow(0, (end - have + 65535) >> 16) == (size_t)-1)) {
      unlock();
      return NULL;
    }
    block = (void *)heap_top;
    heap_top = end;
  }
  unlock();
  *(int *)block = c;
  return (char *)block + 16;
}

void *aligned_alloc(size_t align, size_t bytes) { return align <= 16 ? malloc(bytes) : NULL; }

void free(void *p) {
  if (!p) return;
  char *block = (char *)p - 16;
  int c = *(int *)block;
  lock();
  *(void **)p = free_list[c];
  free_list[c] = block;
  unlock();
}

/* ---- fminf, fmaxf (C's: a NaN argument gives the other), sinf, cosf, expf ---- */
float fminf(float a, float b) { return a != a ? b : b != b ? a : a < b ? a : b; }
float fmaxf(float a, float b) { return a != a ? b : b != b ? a : a > b ? a : b; }

/* x = k·π/2 + r, |r| <= π/4 (π/2 in two parts: exact for |k| < 2^20, i.e. |x| < 1.6e6, far beyond the time embedding's). */
static double reduce(float x, int *q) {
  double k = __builtin_nearbyint((double)x * 0.63661977236758134);
  *q = (int)((int64_t)k & 3);
  return ((double)x - k * 1.5707963267341256) - k * 6.077100506506192e-11;
}
/* Taylor series to r^15 / r^14: below 1e-15 relative for |r| <= π/4. */
static double sin_r(double r) {
  double r2 = r * r;
  return r * (1 + r2 * (-1 / 6.0 + r2 * (1 / 120.0 + r2 * (-1 / 5040.0 + r2 * (1 / 362880.0 + r2 * (-1 / 39916800.0 + r2 * (1 / 6227020800.0 + r2 * (-1 / 1307674368000.0))))))));
}
static double cos_r(double r) {
  double r2 = r * r;
  return 1 + r2 * (-0.5 + r2 * (1 / 24.0 + r2 * (-1 / 720.0 + r2 * (1 / 40320.0 + r2 * (-1 / 3628800.0 + r2 * (1 / 479001600.0 + r2 * (-1 / 87178291200.0)))))));
}
float sinf(float x) {
  int q;
  double r = reduce(x, &q);
  return (float)(q == 0 ? sin_r(r) : q == 1 ? cos_r(r) : q == 2 ? -sin_r(r) : -cos_r(r));
}
float cosf(float x) {
  int q;
  double r = reduce(x, &q);
  return (float)(q == 0 ? cos_r(r) : q == 1 ? -sin_r(r) : q == 2 ? -cos_r(r) : sin_r(r));
}
/* e^x = 2^k·e^r, |r| <= ln2/2, e^r by its series to r^12; for x in the float range's finite results. */
float expf(float x) {
  if (x > 88.8f) return __builtin_inff();
  if (x < -104.0f) return 0.0f;
  double k = __builtin_nearbyint((double)x * 1.4426950408889634), r = (double)x - k * 0.6931471805599453;
  double p = 1, t = 1;
  for (int i = 1; i <= 12; i++) p += (t *= r / i);
  union { double d; uint64_t u; } s = {.u = (uint64_t)((int64_t)k + 1023) << 52};
  return (float)(p * s.d);
}
