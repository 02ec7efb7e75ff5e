/*
 * The MLP velocity model's arithmetic in C, for the optional `native` backend: forward, hand-written backward
 * (same maths as src/model/tfjs-net.ts), Adam, as a Node-API addon. The kernels (matrix products, SiLU, …) are
 * in fv_kernels.h, compiled for several instruction sets and chosen at load (fv_dispatch.c); this file is
 * compiled for the x86-64 baseline. Training splits each batch into parts and prediction its rows into blocks,
 * both over the thread pool (fv_pool.c). Parameters: flat float32, per layer kernel [in×out] row-major then bias.
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <stdbool.h>
#include <stdio.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fv_kernels.h"

#define MAX_LAYERS 64
#define MAX_PARTS 64
#define gemm fv_gemm
#define transpose fv_transpose
#define silu fv_silu

typedef struct {
  int dataDim, nLayers;
  int dims[MAX_LAYERS + 1];
  size_t kOff[MAX_LAYERS], bOff[MAX_LAYERS];
} Net;

static int net_from(const int32_t *d, size_t len, Net *net) {
  if (len < 3) return 0;
  net->dataDim = d[0];
  net->nLayers = d[1];
  if (net->nLayers < 1 || net->nLayers > MAX_LAYERS || len != (size_t)net->nLayers + 3) return 0;
  size_t off = 0;
  for (int i = 0; i <= net->nLayers; i++)
    if ((net->dims[i] = d[2 + i]) < 1) return 0;
  if (net->dataDim < 1 || net->dims[0] < net->dataDim || (net->dims[0] - net->dataDim) % 2) return 0;
  for (int i = 0; i < net->nLayers; i++) {
    net->kOff[i] = off;
    off += (size_t)net->dims[i] * net->dims[i + 1];
    net->bOff[i] = off;
    off += net->dims[i + 1];
  }
  return 1;
}

static size_t net_size(const Net *net) {
  return net->bOff[net->nLayers - 1] + net->dims[net->nLayers];
}

/* Input rows [x, sin(t·f), cos(t·f)]; 0 when out of memory. */
static int embed(const Net *net, int n, const float *x, const float *t, const float *freqs, float *h) {
  int d = net->dataDim, w = net->dims[0], half = (w - d) / 2;
  size_t na = (size_t)n * half;
  float *arg = fv_alloc(sizeof(float) * na * 3);
  if (!arg) return 0;
  double t0 = fv_prof_on ? fv_now() : 0;
  for (int r = 0; r < n; r++)
    for (int k = 0; k < half; k++) arg[(size_t)r * half + k] = t[r] * freqs[k];
  if (fv_prof_on) fv_prof_add(FV_PROF_EMBED, fv_now() - t0);
  float *sc = arg + na; /* sin of all, then cos of all */
  fv_sincos(na, arg, sc);
  t0 = fv_prof_on ? fv_now() : 0;
  for (int r = 0; r < n; r++) {
    float *o = h + (size_t)r * w;
    for (int k = 0; k < d; k++) o[k] = x[(size_t)r * d + k];
    memcpy(o + d, sc + (size_t)r * half, sizeof(float) * half);
    memcpy(o + d + half, sc + na + (size_t)r * half, sizeof(float) * half);
  }
  if (fv_prof_on) fv_prof_add(FV_PROF_EMBED, fv_now() - t0);
  free(arg);
  return 1;
}

/*
 * Sum of squared errors over the n rows into *sse; the gradient of scale·(that sum)/2·2 = scale·Σ diff ∂out into
 * grad. 0 when out of memory.
 */
static int loss_and_grad(const Net *net, const float *freqs, const float *P, int n, const float *x, const float *t,
                         const float *y, float scale, float *grad, double *sse_out) {
  int L = net->nLayers, maxd = 0;
  size_t acts = 0;
  for (int i = 0; i <= L; i++) {
    acts += (size_t)n * net->dims[i];
    if (net->dims[i] > maxd) maxd = net->dims[i];
  }
  /* h[i]: input of layer i (i = 0..L-1), s[i]: sigmoid of layer i's pre-activation. One block for all. */
  size_t gsz = (size_t)n * maxd, trsz = (size_t)maxd * maxd; /* tr: a transposed weight matrix */
  float *buf = fv_alloc(sizeof(float) * (2 * acts + 2 * gsz + trsz));
  if (!buf) return 0;
  float *hbuf = buf, *sbuf = buf + acts, *g = sbuf + acts, *g2 = g + gsz, *tr = g2 + gsz;
  float *h[MAX_LAYERS + 1], *s[MAX_LAYERS + 1];
  size_t off = 0;
  for (int i = 0; i <= L; i++) {
    h[i] = hbuf + off;
    s[i] = sbuf + off;
    off += (size_t)n * net->dims[i];
  }
  if (!embed(net, n, x, t, freqs, h[0])) {
    free(buf);
    return 0;
  }
  for (int i = 0; i < L; i++) {
    gemm(n, net->dims[i], net->dims[i + 1], h[i], P + net->kOff[i], P + net->bOff[i], h[i + 1]);
    if (i < L - 1) silu((size_t)n * net->dims[i + 1], s[i + 1], h[i + 1]);
  }
  int dout = net->dims[L];
  double sse = 0;
  for (size_t k = 0; k < (size_t)n * dout; k++) {
    float diff = h[L][k] - y[k];
    sse += (double)diff * diff;
    g[k] = diff * scale;
  }
  for (int i = L - 1; i >= 0; i--) {
    int din = net->dims[i], dn = net->dims[i + 1];
    fv_gemm_at(din, n, dn, h[i], g, NULL, grad + net->kOff[i]); /* h[i]ᵀ · g */
    fv_colsum(n, dn, g, grad + net->bOff[i]);
    if (i == 0) break;
    transpose(din, dn, P + net->kOff[i], tr);
    gemm(n, dn, din, g, tr, NULL, g2);
    fv_silu_grad((size_t)n * din, g2, s[i], h[i]);
    float *tmp = g; g = g2; g2 = tmp;
  }
  free(buf);
  *sse_out = sse;
  return 1;
}

/* ---- the batch in parts, one task each (fv_parallel_for), partial gradients summed in part order ---- */

typedef struct {
  const Net *net;
  const float *freqs, *P, *x, *t, *y;
  float scale;
  int n, parts;
  float *grad;  /* part 0's gradient, and the sum */
  float *extra; /* parts 1… : (parts-1) × size */
  size_t size;
  double sse[MAX_PARTS];
  int ok[MAX_PARTS];
  /* When set: after the sum, Adam on each slice while it is in cache (k: as fv_adam's constants). */
  float *p, *m, *v, *ema;
  const double *k;
  double emaC;
  int slices; /* of the parameters, for the sum and Adam */
  int stream; /* Adam streams the parameters out (fv_adam.c): threads other than the writer read them */
  int flush;  /* each part's thread drops its copies of the parameters other threads update (flush_others) */
} GradJob;

/*
 * Two ways to keep Adam's stores from waiting on other cores. Every thread reads all the parameters in its part's
 * forward and backward pass, and then each updates its own slices. A store to a line another core holds must
 * first take that copy away, one round trip per 64-byte line, and Adam stores densely enough to stall on them:
 * with 2 threads it took 0.24 ms per step against 0.07 on 1 thread on a Zen 4 VM, and 1.2 ms when the VM's two
 * cores were placed farther apart.
 * - flush: when every thread runs one part, each drops (CLFLUSHOPT, clean lines: no write-back) its copies of the
 *   slices other threads will update, right after its backward pass. Adam then stores into lines no other core
 *   holds, the updated slices stay in their owner's cache, and the next forward pass reads them from there.
 * - stream (otherwise, and without CLFLUSHOPT): Adam writes the parameters with non-temporal stores (fv_adam.c),
 *   which wait for no copy, and the next forward pass reads them from memory.
 * Fastest step of the default model, 2 threads, with the VM's cores near / far apart (scripts/bench-native-step.mjs):
 * plain 1.16-1.18 / 1.68-1.70 ms, stream 1.12 / 1.18-1.19 ms, flush 1.10 / 1.14 ms. The values are the same in all three.
 */
#if defined(__x86_64__) || defined(_M_X64)
#include <cpuid.h>
static int has_clflushopt(void) {
  static int known = -1;
  if (known < 0) {
    unsigned a, b, c, d;
    known = __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b >> 23 & 1);
  }
  return known;
}

__attribute__((target("clflushopt"))) static void flush_lines(const float *p, size_t n) {
  const char *c = (const char *)((uintptr_t)p & ~(uintptr_t)63), *end = (const char *)(p + n);
  for (; c < end; c += 64) __builtin_ia32_clflushopt((void *)c);
  __builtin_ia32_sfence();
}
#else
static int has_clflushopt(void) { return 0; }
static void flush_lines(const float *p, size_t n) { (void)p, (void)n; }
#endif

static size_t slice_start(const float *p, size_t n, int s, int slices);

/* Drops this thread's copies of the parameters in the slices that other threads update first (their affine blocks
 * of the sum-and-Adam job). Only where this thread's own block is non-empty and its edges are line-aligned. */
static void flush_others(const GradJob *j) {
  int lo, hi;
  fv_affine_block(j->slices, fv_pool_thread(), &lo, &hi);
  if (lo >= hi) return;
  size_t a = slice_start(j->p, j->size, lo, j->slices), b = slice_start(j->p, j->size, hi, j->slices);
  /* The lines that hold a slice edge may hold own parameters too: keep them (a, b are line-aligned unless 0 / size). */
  if (a > 0) flush_lines(j->p, a);
  if (b < j->size) flush_lines(j->p + b, j->size - b);
}

static void grad_task(void *ctx, int k) {
  GradJob *j = ctx;
  int a = (int)((long long)k * j->n / j->parts), b = (int)((long long)(k + 1) * j->n / j->parts), d = j->net->dataDim;
  float *g = k == 0 ? j->grad : j->extra + (size_t)(k - 1) * j->size;
  if (b == a) {
    memset(g, 0, sizeof(float) * j->size);
    j->sse[k] = 0;
    j->ok[k] = 1;
    return;
  }
  j->ok[k] = loss_and_grad(j->net, j->freqs, j->P, b - a, j->x + (size_t)a * d, j->t + a, j->y + (size_t)a * j->net->dims[j->net->nLayers],
                           j->scale, g, &j->sse[k]);
  if (j->flush) flush_others(j);
}

/* Sums the parts' gradients over one slice of the parameters, each element in part order whoever runs it; then,
 * when asked, Adam on that slice. */
#define SUM_SLICES 8
/* Where slice s of n floats at p begins: on a 64-byte line boundary, so that no two threads write one line
 * (and Adam's streamed stores cover whole lines). */
static size_t slice_start(const float *p, size_t n, int s, int slices) {
  if (s == 0) return 0;
  if (s == slices) return n;
  size_t lead = ((64 - ((uintptr_t)p & 63)) & 63) / 4, at = (size_t)s * n / slices;
  return at <= lead ? lead : lead + ((at - lead) & ~(size_t)15);
}

static void sum_task(void *ctx, int s) {
  GradJob *j = ctx;
  size_t a = slice_start(j->p ? j->p : j->grad, j->size, s, j->slices), b = slice_start(j->p ? j->p : j->grad, j->size, s + 1, j->slices);
  /* With Adam, the last part's addition happens inside Adam's pass (fv_adam_sum2): one pass over the slice less. */
  int fuse = j->k && j->parts > 1, last = fuse ? j->parts - 1 : j->parts;
  double t0 = fv_prof_on ? fv_now() : 0;
  for (int p = 1; p < last; p++) {
    const float *src = j->extra + (size_t)(p - 1) * j->size;
    for (size_t i = a; i < b; i++) j->grad[i] += src[i];
  }
  if (fv_prof_on) fv_prof_add(FV_PROF_OTHER, fv_now() - t0);
  if (j->k) {
    const double *k = j->k;
    float *ema = j->ema ? j->ema + a : NULL;
    if (fuse)
      fv_adam_sum2(b - a, j->p + a, j->m + a, j->v + a, j->grad + a, j->extra + (size_t)(last - 1) * j->size + a, k[0], k[1], k[2], k[3],
                   k[4], k[5], k[6], ema, j->emaC, j->stream);
    else
      fv_adam(b - a, j->p + a, j->m + a, j->v + a, j->grad + a, k[0], k[1], k[2], k[3], k[4], k[5], k[6], ema, j->emaC, j->stream);
  }
}

/* 0 when out of memory. With adam (p = the parameters P, m, v, ema, k, emaC) set, also the Adam step. */
static int loss_and_grad_parts(const Net *net, const float *freqs, const float *P, int n, const float *x, const float *t,
                               const float *y, float scale, float *grad, int parts, double *sse, const GradJob *adam) {
  GradJob j = {net, freqs, P, x, t, y, scale, n, parts, grad, NULL, net_size(net), {0}, {0}, NULL, NULL, NULL, NULL, NULL, 0, 1};
  if (adam) {
    j.p = adam->p, j.m = adam->m, j.v = adam->v, j.ema = adam->ema, j.k = adam->k, j.emaC = adam->emaC;
  }
  if (parts > 1 && !(j.extra = fv_alloc(sizeof(float) * j.size * (parts - 1)))) return 0;
  /* The sum of the parts and Adam: one pass over the parameters, in slices over the pool (after the parts). */
  j.slices = j.size >= 4096 ? SUM_SLICES : 1;
  if (j.slices > 1 && fv_get_threads() > 1) {
    j.flush = j.p && parts > 1 && fv_job_threads(parts) == parts && has_clflushopt(); /* one part per thread */
    j.stream = !j.flush;
  }
  /* Affine: part k on thread k, step after step (flush_others relies on it only for speed). */
  fv_parallel_for_affine(parts, grad_task, &j);
  int ok = 1;
  for (int k = 0; k < parts; k++) ok &= j.ok[k];
  if (ok && (parts > 1 || adam)) fv_parallel_for_affine(j.slices, sum_task, &j);
  free(j.extra);
  /* The same order as the JavaScript sum of the parts' errors: ((0 + sse0) + sse1) + … */
  double s = 0;
  for (int k = 0; k < parts; k++) s += j.sse[k];
  *sse = s;
  return ok;
}

/* ---- v(x, t) for n rows in blocks of rows that stay in cache, the blocks spread over the pool ---- */

#define ROWS 96  /* rows per block: the activations stay in L1/L2 (measured: 96 beat 192…768) */
#define BLOCKS_PER_TASK 4

typedef struct {
  const Net *net;
  const float *freqs, *P, *x, *t, *c;
  int n;
  float *out;
  int oom;
} FwdJob;

static void forward_task(void *ctx, int task) {
  FwdJob *j = ctx;
  const Net *net = j->net;
  int L = net->nLayers, d = net->dataDim, maxd = 0;
  for (int i = 0; i <= L; i++) if (net->dims[i] > maxd) maxd = net->dims[i];
  float *a = fv_alloc(sizeof(float) * (size_t)2 * ROWS * maxd);
  if (!a) {
    __atomic_store_n(&j->oom, 1, __ATOMIC_RELAXED);
    return;
  }
  float *b = a + (size_t)ROWS * maxd;
  int end = (task + 1) * ROWS * BLOCKS_PER_TASK;
  if (end > j->n) end = j->n;
  for (int r0 = task * ROWS * BLOCKS_PER_TASK; r0 < end; r0 += ROWS) {
    int m = end - r0 < ROWS ? end - r0 : ROWS;
    float *cur = a, *nxt = b;
    int first;
    if (j->t) {
      if (!embed(net, m, j->x + (size_t)r0 * d, j->t + r0, j->freqs, a)) {
        __atomic_store_n(&j->oom, 1, __ATOMIC_RELAXED);
        break;
      }
      first = 0;
    } else {
      gemm(m, d, net->dims[1], j->x + (size_t)r0 * d, j->P + net->kOff[0], j->c, a);
      if (L == 1) {
        memcpy(j->out + (size_t)r0 * net->dims[1], a, sizeof(float) * (size_t)m * net->dims[1]);
        continue;
      }
      silu((size_t)m * net->dims[1], NULL, a);
      first = 1;
    }
    for (int i = first; i < L; i++) {
      float *dst = i == L - 1 ? j->out + (size_t)r0 * net->dims[L] : nxt;
      gemm(m, net->dims[i], net->dims[i + 1], cur, j->P + net->kOff[i], j->P + net->bOff[i], dst);
      if (i < L - 1) {
        silu((size_t)m * net->dims[i + 1], NULL, dst);
        float *tmp = cur; cur = nxt; nxt = tmp;
      }
    }
  }
  free(a);
}

/* t per row, or tScalar for all when t is NULL. 0 when out of memory. */
static int forward(const Net *net, const float *freqs, const float *P, int n, const float *x, const float *t, float tScalar, float *out) {
  int d = net->dataDim;
  float *c = NULL;
  if (!t) {
    /* One time for all rows: emb(t)·W0[d:] + b0 is the same for every row; fold it into the first bias. */
    int w = net->dims[0], half = (w - d) / 2, o1 = net->dims[1];
    const float *W0 = P + net->kOff[0];
    if (!(c = fv_alloc(sizeof(float) * o1))) return 0;
    for (int j = 0; j < o1; j++) c[j] = P[net->bOff[0] + j];
    for (int k = 0; k < half; k++) {
      float arg = tScalar * freqs[k], sn = sinf(arg), cs = cosf(arg);
      for (int j = 0; j < o1; j++) c[j] += sn * W0[(size_t)(d + k) * o1 + j] + cs * W0[(size_t)(d + half + k) * o1 + j];
    }
  }
  FwdJob j = {net, freqs, P, x, t, c, n, out, 0};
  fv_parallel_for((n + ROWS * BLOCKS_PER_TASK - 1) / (ROWS * BLOCKS_PER_TASK), forward_task, &j);
  free(c);
  return !j.oom;
}

/* ---- Node-API glue ---- */

static napi_status f32(napi_env env, napi_value v, float **data, size_t *len) {
  napi_typedarray_type type;
  napi_value ab;
  size_t off;
  napi_status st = napi_get_typedarray_info(env, v, &type, len, (void **)data, &ab, &off);
  if (st != napi_ok) return st;
  return type == napi_float32_array ? napi_ok : napi_invalid_arg;
}

static napi_value fail(napi_env env, const char *msg) {
  napi_throw_type_error(env, NULL, msg);
  return NULL;
}

/* A malloc came back NULL: an Error with code FV_NATIVE_OOM, never a crash. */
static napi_value oom(napi_env env, const char *what) {
  char msg[200];
  snprintf(msg, sizeof msg, "native backend: out of memory (%s); free memory or use smaller batches (training.batch_size)", what);
  napi_throw_error(env, "FV_NATIVE_OOM", msg);
  return NULL;
}

static int get_int(napi_env env, napi_value v, int *out) {
  napi_valuetype vt;
  return napi_typeof(env, v, &vt) == napi_ok && vt == napi_number && napi_get_value_int32(env, v, out) == napi_ok;
}

/* lossAndGrad(dims: Int32Array, freqs, params, x, t, target, scale: number, grad[, parts: number]) -> sum of squared errors.
 * parts > 1: the batch in that many parts of consecutive rows, over the pool's threads, gradients summed in part order. */
static napi_value js_loss_and_grad(napi_env env, napi_callback_info info) {
  size_t argc = 9;
  napi_value argv[9];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc != 8 && argc != 9) return fail(env, "lossAndGrad takes 8 or 9 arguments");
  napi_typedarray_type type;
  size_t dlen, off, lf, lp, lx, lt, ly, lg;
  int32_t *dims;
  napi_value ab;
  float *freqs, *P, *x, *t, *y, *grad;
  double scale;
  int parts = 1;
  if (napi_get_typedarray_info(env, argv[0], &type, &dlen, (void **)&dims, &ab, &off) != napi_ok || type != napi_int32_array) return fail(env, "dims must be an Int32Array");
  Net net;
  if (!net_from(dims, dlen, &net)) return fail(env, "bad dims");
  if (f32(env, argv[1], &freqs, &lf) || f32(env, argv[2], &P, &lp) || f32(env, argv[3], &x, &lx) || f32(env, argv[4], &t, &lt) ||
      f32(env, argv[5], &y, &ly) || f32(env, argv[7], &grad, &lg) || napi_get_value_double(env, argv[6], &scale) != napi_ok)
    return fail(env, "lossAndGrad: bad arguments");
  if (argc == 9 && (!get_int(env, argv[8], &parts) || parts < 1 || parts > MAX_PARTS)) return fail(env, "lossAndGrad: parts must be an integer from 1 to 64");
  int n = (int)lt;
  if (lp != net_size(&net) || lg != lp || lx != (size_t)n * net.dataDim || ly != (size_t)n * net.dims[net.nLayers] || lf * 2 != (size_t)(net.dims[0] - net.dataDim))
    return fail(env, "lossAndGrad: sizes do not match the architecture");
  double sse = 0;
  if (n > 0 && !loss_and_grad_parts(&net, freqs, P, n, x, t, y, (float)scale, grad, parts, &sse, NULL))
    return oom(env, "the activations and gradients of a training batch");
  if (n == 0) memset(grad, 0, sizeof(float) * lg);
  napi_value res;
  napi_create_double(env, sse, &res);
  return res;
}

/* forward(dims, freqs, params, x, t: Float32Array | number, out): rows spread over the pool's threads. */
static napi_value js_forward(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc != 6) return fail(env, "forward takes 6 arguments");
  napi_typedarray_type type;
  size_t dlen, off, lf, lp, lx, lt = 0, lo;
  int32_t *dims;
  napi_value ab;
  float *freqs, *P, *x, *t = NULL, *out;
  double ts = 0;
  if (napi_get_typedarray_info(env, argv[0], &type, &dlen, (void **)&dims, &ab, &off) != napi_ok || type != napi_int32_array) return fail(env, "dims must be an Int32Array");
  Net net;
  if (!net_from(dims, dlen, &net)) return fail(env, "bad dims");
  if (f32(env, argv[1], &freqs, &lf) || f32(env, argv[2], &P, &lp) || f32(env, argv[3], &x, &lx) || f32(env, argv[5], &out, &lo))
    return fail(env, "forward: bad arguments");
  napi_valuetype vt;
  napi_typeof(env, argv[4], &vt);
  if (vt == napi_number) napi_get_value_double(env, argv[4], &ts);
  else if (f32(env, argv[4], &t, &lt)) return fail(env, "forward: t must be a Float32Array or a number");
  int n = (int)(lx / net.dataDim);
  if (lp != net_size(&net) || (t && lt != (size_t)n) || lo != (size_t)n * net.dims[net.nLayers] || lf * 2 != (size_t)(net.dims[0] - net.dataDim))
    return fail(env, "forward: sizes do not match the architecture");
  if (n > 0 && !forward(&net, freqs, P, n, x, t, (float)ts, out)) return oom(env, "the activations of a prediction");
  return NULL;
}

/* adam(params, m, v, grad, [b1, b2, c1, c2, stepSize, invSqrtBc2, eps]: Float64Array, ema: Float32Array | null, emaC)
 * One Adam step and moving-average update (fv_adam), the parameters split in slices over the pool. */
typedef struct {
  float *p, *m, *v, *g, *ema;
  const double *k;
  double emaC;
  size_t n;
} AdamJob;

#define ADAM_SLICES 4
static void adam_task(void *ctx, int s) {
  AdamJob *j = ctx;
  size_t a = slice_start(j->p, j->n, s, ADAM_SLICES), b = slice_start(j->p, j->n, s + 1, ADAM_SLICES);
  const double *k = j->k;
  fv_adam(b - a, j->p + a, j->m + a, j->v + a, j->g + a, k[0], k[1], k[2], k[3], k[4], k[5], k[6], j->ema ? j->ema + a : NULL, j->emaC,
          fv_get_threads() > 1);
}

static napi_value js_adam(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc != 7) return fail(env, "adam takes 7 arguments");
  size_t lp, lm, lv, lg, le = 0, lk, off;
  float *p, *m, *v, *g, *ema = NULL;
  double *k, emaC = 0;
  napi_typedarray_type type;
  napi_value ab;
  napi_valuetype vt;
  if (f32(env, argv[0], &p, &lp) || f32(env, argv[1], &m, &lm) || f32(env, argv[2], &v, &lv) || f32(env, argv[3], &g, &lg) ||
      napi_get_typedarray_info(env, argv[4], &type, &lk, (void **)&k, &ab, &off) != napi_ok || type != napi_float64_array || lk != 7)
    return fail(env, "adam: bad arguments");
  napi_typeof(env, argv[5], &vt);
  if (vt != napi_null && vt != napi_undefined && (f32(env, argv[5], &ema, &le) || le != lp)) return fail(env, "adam: ema must be a Float32Array of the parameters' size, or null");
  if (napi_get_value_double(env, argv[6], &emaC) != napi_ok) return fail(env, "adam: emaC must be a number");
  if (lm != lp || lv != lp || lg != lp) return fail(env, "adam: params, m, v and grad must have the same length");
  AdamJob j = {p, m, v, g, ema, k, emaC, lp};
  if (lp >= 4096) fv_parallel_for(ADAM_SLICES, adam_task, &j);
  else fv_adam(lp, p, m, v, g, k[0], k[1], k[2], k[3], k[4], k[5], k[6], ema, emaC, 0);
  return NULL;
}

/* trainStep(dims, freqs, params, x, t, target, scale, grad, parts, m, v, k: Float64Array(7), ema | null, emaC)
 * -> sum of squared errors: lossAndGrad in parts, then the sum of the parts and Adam in one pass over the pool. */
static napi_value js_train_step(napi_env env, napi_callback_info info) {
  size_t argc = 14;
  napi_value argv[14];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc != 14) return fail(env, "trainStep takes 14 arguments");
  napi_typedarray_type type;
  size_t dlen, off, lf, lp, lx, lt, ly, lg, lm, lv, lk, le = 0;
  int32_t *dims;
  napi_value ab;
  float *freqs, *P, *x, *t, *y, *grad, *m, *v, *ema = NULL;
  double scale, *k, emaC = 0;
  int parts = 1;
  napi_valuetype vt;
  if (napi_get_typedarray_info(env, argv[0], &type, &dlen, (void **)&dims, &ab, &off) != napi_ok || type != napi_int32_array) return fail(env, "dims must be an Int32Array");
  Net net;
  if (!net_from(dims, dlen, &net)) return fail(env, "bad dims");
  if (f32(env, argv[1], &freqs, &lf) || f32(env, argv[2], &P, &lp) || f32(env, argv[3], &x, &lx) || f32(env, argv[4], &t, &lt) ||
      f32(env, argv[5], &y, &ly) || f32(env, argv[7], &grad, &lg) || napi_get_value_double(env, argv[6], &scale) != napi_ok ||
      f32(env, argv[9], &m, &lm) || f32(env, argv[10], &v, &lv) ||
      napi_get_typedarray_info(env, argv[11], &type, &lk, (void **)&k, &ab, &off) != napi_ok || type != napi_float64_array || lk != 7 ||
      napi_get_value_double(env, argv[13], &emaC) != napi_ok)
    return fail(env, "trainStep: bad arguments");
  if (!get_int(env, argv[8], &parts) || parts < 1 || parts > MAX_PARTS) return fail(env, "trainStep: parts must be an integer from 1 to 64");
  napi_typeof(env, argv[12], &vt);
  if (vt != napi_null && vt != napi_undefined && (f32(env, argv[12], &ema, &le) || le != lp)) return fail(env, "trainStep: ema must be a Float32Array of the parameters' size, or null");
  int n = (int)lt;
  if (lp != net_size(&net) || lg != lp || lm != lp || lv != lp || lx != (size_t)n * net.dataDim || ly != (size_t)n * net.dims[net.nLayers] ||
      lf * 2 != (size_t)(net.dims[0] - net.dataDim) || n < 1)
    return fail(env, "trainStep: sizes do not match the architecture");
  GradJob adam = {0};
  adam.p = P, adam.m = m, adam.v = v, adam.ema = ema, adam.k = k, adam.emaC = emaC;
  double sse = 0;
  if (!loss_and_grad_parts(&net, freqs, P, n, x, t, y, (float)scale, grad, parts, &sse, &adam))
    return oom(env, "the activations and gradients of a training batch");
  napi_value res;
  napi_create_double(env, sse, &res);
  return res;
}

/* setThreads(n): threads of the pool (1: none). Returns the number now in use. */
static napi_value js_set_threads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], res;
  int n;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc != 1 || !get_int(env, argv[0], &n) || n < 1) return fail(env, "setThreads takes a positive integer");
  fv_set_threads(n);
  napi_create_int32(env, fv_get_threads(), &res);
  return res;
}

/* profile(on: boolean, reset: boolean) -> Float64Array of seconds [gemm, act, adam, embed, sync, other] so far. */
static napi_value js_profile(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2], ab, res;
  bool on = false, reset = false;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc != 2 || napi_get_value_bool(env, argv[0], &on) != napi_ok || napi_get_value_bool(env, argv[1], &reset) != napi_ok)
    return fail(env, "profile takes (on: boolean, reset: boolean)");
  void *data;
  if (napi_create_arraybuffer(env, sizeof(double) * FV_PROF_N, &data, &ab) != napi_ok) return oom(env, "the profile");
  fv_prof_read((double *)data, reset);
  fv_prof_on = on;
  napi_create_typedarray(env, napi_float64_array, FV_PROF_N, ab, 0, &res);
  return res;
}

static void set_str(napi_env env, napi_value obj, const char *key, const char *val) {
  napi_value v;
  napi_create_string_utf8(env, val, NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, obj, key, v);
}

static void set_fn(napi_env env, napi_value obj, const char *key, napi_callback cb) {
  napi_value fn;
  napi_create_function(env, key, NAPI_AUTO_LENGTH, cb, NULL, &fn);
  napi_set_named_property(env, obj, key, fn);
}

void fv_resmlp_register(napi_env env, napi_value exports); /* fv_resmlp.c: the residual MLP */
void fv_jacobian_register(napi_env env, napi_value exports); /* fv_jacobian.c: the MLP's Jacobian (likelihood) */

NAPI_MODULE_INIT() {
  /* FV_NATIVE_ISA forces a kernel set (tests compare them; a benchmark can measure one): unknown or unsupported
   * by this CPU, the load fails with a message rather than running something else. */
  const char *want = getenv("FV_NATIVE_ISA");
  if (want && *want && strcmp(want, "auto") != 0) {
    int r = fv_select_isa(want);
    if (r != 0) {
      char msg[300];
      if (r == -1) snprintf(msg, sizeof msg, "FV_NATIVE_ISA=%s is not a kernel set: use avx512, avx2, generic or auto", want);
      else snprintf(msg, sizeof msg, "FV_NATIVE_ISA=%s: this CPU lacks those instructions (it runs: %s); unset it or pick one of those", want, fv_isas_supported());
      napi_throw_error(env, "FV_NATIVE_ISA", msg);
      return NULL;
    }
  }
  set_fn(env, exports, "lossAndGrad", js_loss_and_grad);
  set_fn(env, exports, "forward", js_forward);
  set_fn(env, exports, "adam", js_adam);
  set_fn(env, exports, "trainStep", js_train_step);
  set_fn(env, exports, "setThreads", js_set_threads);
  set_fn(env, exports, "profile", js_profile);
  fv_resmlp_register(env, exports);
  fv_jacobian_register(env, exports);
  set_str(env, exports, "isa", fv_isa());
  set_str(env, exports, "isas", fv_isas_supported());
  return exports;
}
