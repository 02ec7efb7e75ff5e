/*
 * Keeping the parameters' cache lines where the next writer or reader wants them (see fv_step.c): slices of the
 * parameters that start on 64-byte lines, and dropping this core's copies of lines with CLFLUSHOPT.
 */
#ifndef FV_CACHE_H
#define FV_CACHE_H
#include <stddef.h>

/* Where slice s of `slices` over n floats at p begins: on a 64-byte line boundary, so that no two threads write
 * one line (and Adam's streamed stores cover whole lines). Slice 0 begins at 0, slice `slices` at n. */
size_t fv_slice_start(const float *p, size_t n, int s, int slices);

/* Whether this CPU has CLFLUSHOPT (x86; 0 elsewhere). */
int fv_has_clflushopt(void);

/* Drops this core's copies of the lines holding p[0 … n) (clean lines: no write-back); nothing without CLFLUSHOPT. */
void fv_flush_lines(const float *p, size_t n);

#endif
