/* The float functions the kernels use, for wasm32 without a libc: sqrt is a WebAssembly instruction (IEEE, as
 * x86's); sinf, cosf, expf, fminf, fmaxf are in fv_wasm_libc.c. */
#ifndef FV_WASM_MATH_H
#define FV_WASM_MATH_H
float sinf(float x);
float cosf(float x);
float expf(float x);
#define sqrtf(x) __builtin_sqrtf(x)
float fminf(float a, float b);
float fmaxf(float a, float b);
#endif
