// quantref: a small server that answers tensor type conversions with ggml's
// own code, so that Go tests can compare engine/quant with llama.cpp bit for
// bit.
//
// Usage: quantref LIBGGML_BASE_SO
//
// It dlopen()s libggml-base.so and declares the few prototypes it needs
// itself, because no ggml headers are installed. It then serves requests on
// stdin until EOF; one process answers many requests, which keeps tests and
// fuzzing fast. All integers are little-endian (host order on x86-64).
//
//   request:  u32 op, u32 type, i64 param, u64 len, len bytes of input
//   response: u64 len, len bytes of output
//
//   op 1 quantize   param = n_per_row; input float32s -> blocks
//   op 2 dequantize param = n;         input blocks   -> n float32s
//   op 3 f32tof16, 4 f16tof32, 5 f32tobf16, 6 bf16tof32 (scalar, element-wise)
//   op 7 layout     -> text "blck_size type_size name"
//
// Quantization goes through ggml_quantize_chunk without an importance matrix
// (what llama-quantize does for these types), except Q8_K, which
// ggml_quantize_chunk does not accept: it uses quantize_row_q8_K_ref, on a
// zeroed buffer (that function leaves the sums of all-zero blocks unwritten).
// Dequantization uses the exported dequantize_row_* / *_to_fp32_row symbols.
// On any error the server writes a message to stderr and exits with status 2.

#include <dlfcn.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { uint16_t bits; } bf16_t;

typedef size_t (*quantize_chunk_fn)(int type, const float *src, void *dst, int64_t start,
                                    int64_t nrows, int64_t n_per_row, const float *imatrix);
typedef void (*quantize_row_fn)(const float *src, void *dst, int64_t k);
typedef void (*to_float_fn)(const void *src, float *dst, int64_t k);
typedef size_t (*row_size_fn)(int type, int64_t n);
typedef int64_t (*blck_size_fn)(int type);
typedef size_t (*type_size_fn)(int type);
typedef const char *(*type_name_fn)(int type);
typedef uint16_t (*f32_to_f16_fn)(float);
typedef float (*f16_to_f32_fn)(uint16_t);
typedef bf16_t (*f32_to_bf16_fn)(float);
typedef float (*bf16_to_f32_fn)(bf16_t);

enum { T_F32 = 0, T_F16 = 1, T_Q4_0 = 2, T_Q4_1 = 3, T_Q5_0 = 6, T_Q5_1 = 7, T_Q8_0 = 8,
       T_Q4_K = 12, T_Q5_K = 13, T_Q6_K = 14, T_Q8_K = 15, T_BF16 = 30 };

enum { OP_QUANTIZE = 1, OP_DEQUANTIZE, OP_F32TOF16, OP_F16TOF32, OP_F32TOBF16, OP_BF16TOF32,
       OP_LAYOUT };

static void *lib;

static void die(const char *msg, const char *arg) {
    fprintf(stderr, "quantref: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    exit(2);
}

static void *sym(const char *name) {
    void *p = dlsym(lib, name);
    if (!p) {
        die("missing symbol", name);
    }
    return p;
}

static void *xcalloc(size_t n, size_t size) {
    void *p = calloc(n ? n : 1, size);
    if (!p) {
        die("out of memory", NULL);
    }
    return p;
}

// read_full reads exactly n bytes from stdin. It returns 0 on EOF before the
// first byte, and dies on EOF in the middle.
static int read_full(void *p, size_t n) {
    size_t got = fread(p, 1, n, stdin);
    if (got == n) {
        return 1;
    }
    if (got == 0 && feof(stdin)) {
        return 0;
    }
    die("short read on stdin", NULL);
    return 0;
}

static void respond(const void *p, uint64_t n) {
    if (fwrite(&n, sizeof n, 1, stdout) != 1 || fwrite(p, 1, n, stdout) != n ||
        fflush(stdout) != 0) {
        die("writing stdout", strerror(errno));
    }
}

static size_t row_size(int type, int64_t n) {
    return ((row_size_fn)sym("ggml_row_size"))(type, n);
}

static void op_quantize(int type, int64_t n_per_row, const unsigned char *in, size_t len) {
    if (n_per_row <= 0 || len % (sizeof(float) * n_per_row) != 0) {
        die("quantize: input is not a whole number of rows", NULL);
    }
    int64_t nrows = len / sizeof(float) / n_per_row;
    size_t out = row_size(type, n_per_row) * nrows;
    float *src = xcalloc(len / sizeof(float), sizeof(float));
    memcpy(src, in, len);
    void *dst = xcalloc(out, 1);
    if (type == T_Q8_K) {
        ((quantize_row_fn)sym("quantize_row_q8_K_ref"))(src, dst, nrows * n_per_row);
    } else {
        quantize_chunk_fn q = (quantize_chunk_fn)sym("ggml_quantize_chunk");
        if (q(type, src, dst, 0, nrows, n_per_row, NULL) != out) {
            die("quantize: ggml_quantize_chunk returned an unexpected size", NULL);
        }
    }
    respond(dst, out);
    free(src);
    free(dst);
}

static const char *to_float_name(int type) {
    switch (type) {
    case T_F16: return "ggml_fp16_to_fp32_row";
    case T_BF16: return "ggml_bf16_to_fp32_row";
    case T_Q4_0: return "dequantize_row_q4_0";
    case T_Q4_1: return "dequantize_row_q4_1";
    case T_Q5_0: return "dequantize_row_q5_0";
    case T_Q5_1: return "dequantize_row_q5_1";
    case T_Q8_0: return "dequantize_row_q8_0";
    case T_Q4_K: return "dequantize_row_q4_K";
    case T_Q5_K: return "dequantize_row_q5_K";
    case T_Q6_K: return "dequantize_row_q6_K";
    case T_Q8_K: return "dequantize_row_q8_K";
    }
    die("dequantize: no dequantizer for this type", NULL);
    return NULL;
}

static void op_dequantize(int type, int64_t n, const unsigned char *in, size_t len) {
    if (n < 0 || len != row_size(type, n)) {
        die("dequantize: input size does not match the element count", NULL);
    }
    float *dst = xcalloc(n, sizeof(float));
    if (type == T_F32) {
        memcpy(dst, in, len);
    } else {
        void *src = xcalloc(len, 1); // aligned copy
        memcpy(src, in, len);
        ((to_float_fn)sym(to_float_name(type)))(src, dst, n);
        free(src);
    }
    respond(dst, n * sizeof(float));
    free(dst);
}

static void op_to16(int op, const unsigned char *in, size_t len) {
    size_t n = len / 4;
    uint16_t *out = xcalloc(n, 2);
    f32_to_f16_fn h = (f32_to_f16_fn)sym("ggml_fp32_to_fp16");
    f32_to_bf16_fn b = (f32_to_bf16_fn)sym("ggml_fp32_to_bf16");
    for (size_t i = 0; i < n; i++) {
        float f;
        memcpy(&f, in + 4 * i, 4);
        out[i] = op == OP_F32TOF16 ? h(f) : b(f).bits;
    }
    respond(out, n * 2);
    free(out);
}

static void op_from16(int op, const unsigned char *in, size_t len) {
    size_t n = len / 2;
    float *out = xcalloc(n, 4);
    f16_to_f32_fn h = (f16_to_f32_fn)sym("ggml_fp16_to_fp32");
    bf16_to_f32_fn b = (bf16_to_f32_fn)sym("ggml_bf16_to_fp32");
    for (size_t i = 0; i < n; i++) {
        uint16_t v;
        memcpy(&v, in + 2 * i, 2);
        bf16_t bv = {v};
        out[i] = op == OP_F16TOF32 ? h(v) : b(bv);
    }
    respond(out, n * 4);
    free(out);
}

static void op_layout(int type) {
    char text[128];
    int64_t blck = ((blck_size_fn)sym("ggml_blck_size"))(type);
    size_t size = ((type_size_fn)sym("ggml_type_size"))(type);
    const char *name = ((type_name_fn)sym("ggml_type_name"))(type);
    int n = snprintf(text, sizeof text, "%lld %zu %s", (long long)blck, size, name ? name : "?");
    respond(text, (uint64_t)n);
}

static void serve(void) {
    for (;;) {
        uint32_t op, type;
        int64_t param;
        uint64_t len;
        if (!read_full(&op, sizeof op)) {
            return;
        }
        if (!read_full(&type, sizeof type) || !read_full(&param, sizeof param) ||
            !read_full(&len, sizeof len)) {
            die("truncated request", NULL);
        }
        unsigned char *in = xcalloc(len, 1);
        if (len && !read_full(in, len)) {
            die("truncated request", NULL);
        }
        switch (op) {
        case OP_QUANTIZE: op_quantize((int)type, param, in, len); break;
        case OP_DEQUANTIZE: op_dequantize((int)type, param, in, len); break;
        case OP_F32TOF16: case OP_F32TOBF16: op_to16((int)op, in, len); break;
        case OP_F16TOF32: case OP_BF16TOF32: op_from16((int)op, in, len); break;
        case OP_LAYOUT: op_layout((int)type); break;
        default: die("unknown op", NULL);
        }
        free(in);
    }
}

int main(int argc, char **argv) {
    if (argc != 2) {
        die("usage: quantref LIBGGML_BASE_SO", NULL);
    }
    lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        die("dlopen", dlerror());
    }
    serve();
    return 0;
}
