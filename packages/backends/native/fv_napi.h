/*
 * The addon's Node-API glue shared by every architecture: reading typed-array arguments, throwing the addon's
 * errors, and the three entry points each model gets (fv_napi_register_model). A model in C only parses its dims
 * (fv_model_from) and does arithmetic; nothing else of it touches Node-API.
 */
#ifndef FV_NAPI_H
#define FV_NAPI_H
#define NAPI_VERSION 8
#include <node_api.h>
#include <stddef.h>
#include <stdint.h>
#include "fv_model.h"

/* Each returns 1 when v is that kind of typed array (its data and length set), else 0. */
int fv_napi_f32(napi_env env, napi_value v, float **data, size_t *len);
int fv_napi_f64(napi_env env, napi_value v, double **data, size_t *len);
int fv_napi_i32(napi_env env, napi_value v, int32_t **data, size_t *len);
/* 1 when v is a number that fits an int32 (set into *out). */
int fv_napi_int(napi_env env, napi_value v, int *out);
/* 1 when v is null or undefined. */
int fv_napi_nullish(napi_env env, napi_value v);

/* Throws a TypeError with msg; returns NULL for the entry point to return. */
napi_value fv_napi_fail(napi_env env, const char *msg);
/* Throws an Error with code FV_NATIVE_OOM (a malloc came back NULL: never a crash); returns NULL. */
napi_value fv_napi_oom(napi_env env, const char *what);

void fv_napi_set_fn(napi_env env, napi_value obj, const char *key, napi_callback cb, void *data);
void fv_napi_set_str(napi_env env, napi_value obj, const char *key, const char *val);

/* The names of one architecture's entry points on the addon, and how to read its dims. */
typedef struct {
  const char *loss_and_grad; /* (dims, freqs, params, x, t, target, scale, grad[, parts]) -> sum of squared errors */
  const char *forward;       /* (dims, freqs, params, x, t: Float32Array | number, out) */
  const char *train_step;    /* (…lossAndGrad's 9, m, v, k: Float64Array(7), ema | null, emaC) -> sum of squared errors */
  const char *label;         /* in error messages about its dims */
  fv_model_from from;
} FvModelApi;

/* Adds api's three functions to exports (api must outlive the addon: a static). */
void fv_napi_register_model(napi_env env, napi_value exports, const FvModelApi *api);

#endif
