/* Slices on cache lines and CLFLUSHOPT (fv_cache.h); why they matter: fv_step.c. */
#include <stdint.h>
#include "fv_cache.h"

size_t fv_slice_start(const float *p, size_t n, int s, int slices) {
  if (s == 0) return 0;
  if (s == slices) return n;
  size_t lead = ((64 - ((uintptr_t)p & 63)) & 63) / 4, at = (size_t)s * n / slices;
  return at <= lead ? lead : lead + ((at - lead) & ~(size_t)15);
}

#if defined(__x86_64__) || defined(_M_X64)
#include <cpuid.h>
int fv_has_clflushopt(void) {
  static int known = -1;
  if (known < 0) {
    unsigned a, b, c, d;
    known = __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b >> 23 & 1);
  }
  return known;
}

__attribute__((target("clflushopt"))) void fv_flush_lines(const float *p, size_t n) {
  const char *c = (const char *)((uintptr_t)p & ~(uintptr_t)63), *end = (const char *)(p + n);
  for (; c < end; c += 64) __builtin_ia32_clflushopt((void *)c);
  __builtin_ia32_sfence();
}
#else
int fv_has_clflushopt(void) { return 0; }
void fv_flush_lines(const float *p, size_t n) { (void)p, (void)n; }
#endif
