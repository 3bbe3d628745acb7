// quantref: a tiny command-line bridge to ggml's tensor type conversions, so
// that Go tests can compare engine/quant with llama.cpp bit for bit.
//
// It dlopen()s libggml-base.so (path given as the first argument) and declares
// the few prototypes it needs itself, because no ggml headers are installed.
//
//   quantref LIB quantize   TYPE N_PER_ROW  stdin: float32s  stdout: blocks
//   quantref LIB dequantize TYPE N          stdin: blocks    stdout: N float32s
//   quantref LIB f32tof16 | f16tof32 | f32tobf16 | bf16tof32   (scalar, element-wise)
//   quantref LIB layout     TYPE            stdout: "blck_size type_size name"
//
// Quantization goes through ggml_quantize_chunk without an importance matrix
// (what llama-quantize does for these types), except Q8_K, which
// ggml_quantize_chunk does not accept: it uses quantize_row_q8_K_ref.
// Dequantization uses the exported dequantize_row_* / *_to_fp32_row symbols.
// All binary data is little-endian host order.

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
typedef int64_t (*blck_size_fn)(int type);
typedef size_t (*type_size_fn)(int type);
typedef const char *(*type_name_fn)(int type);
typedef uint16_t (*f32_to_f16_fn)(float);
typedef float (*f16_to_f32_fn)(uint16_t);
typedef bf16_t (*f32_to_bf16_fn)(float);
typedef float (*bf16_to_f32_fn)(bf16_t);

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

// read_all reads stdin to EOF into a malloc'd buffer and stores its length.
static unsigned char *read_all(size_t *len) {
    size_t cap = 1 << 16, n = 0;
    unsigned char *buf = malloc(cap);
    if (!buf) {
        die("out of memory", NULL);
    }
    for (;;) {
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            if (!buf) {
                die("out of memory", NULL);
            }
        }
        size_t got = fread(buf + n, 1, cap - n, stdin);
        n += got;
        if (got == 0) {
            if (ferror(stdin)) {
                die("reading stdin", strerror(errno));
            }
            break;
        }
    }
    *len = n;
    return buf;
}

static void write_all(const void *p, size_t n) {
    if (fwrite(p, 1, n, stdout) != n || fflush(stdout) != 0) {
        die("writing stdout", strerror(errno));
    }
}

static int64_t parse_int(const char *s) {
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*s == 0 || *end != 0 || v < 0) {
        die("bad number", s);
    }
    return (int64_t)v;
}

enum { T_F32 = 0, T_F16 = 1, T_Q4_0 = 2, T_Q4_1 = 3, T_Q5_0 = 6, T_Q5_1 = 7, T_Q8_0 = 8,
       T_Q4_K = 12, T_Q5_K = 13, T_Q6_K = 14, T_Q8_K = 15, T_BF16 = 30 };

static size_t row_size(int type, int64_t n) {
    return ((size_t (*)(int, int64_t))sym("ggml_row_size"))(type, n);
}

static void cmd_quantize(int type, int64_t n_per_row) {
    size_t len;
    float *src = (float *)read_all(&len);
    if (n_per_row <= 0 || len % (sizeof(float) * n_per_row) != 0) {
        die("input is not a whole number of rows", NULL);
    }
    int64_t nrows = len / sizeof(float) / n_per_row;
    size_t out = row_size(type, n_per_row) * nrows;
    void *dst = calloc(out ? out : 1, 1);
    if (type == T_Q8_K) {
        ((quantize_row_fn)sym("quantize_row_q8_K_ref"))(src, dst, nrows * n_per_row);
    } else {
        quantize_chunk_fn q = (quantize_chunk_fn)sym("ggml_quantize_chunk");
        size_t n = q(type, src, dst, 0, nrows, n_per_row, NULL);
        if (n != out) {
            die("ggml_quantize_chunk returned an unexpected size", NULL);
        }
    }
    write_all(dst, out);
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
    die("no dequantizer for this type", NULL);
    return NULL;
}

static void cmd_dequantize(int type, int64_t n) {
    size_t len;
    unsigned char *src = read_all(&len);
    if (len != row_size(type, n)) {
        die("input size does not match the element count", NULL);
    }
    float *dst = calloc(n ? n : 1, sizeof(float));
    if (type == T_F32) {
        memcpy(dst, src, len);
    } else {
        ((to_float_fn)sym(to_float_name(type)))(src, dst, n);
    }
    write_all(dst, n * sizeof(float));
}

static void cmd_scalar(const char *op) {
    size_t len;
    unsigned char *src = read_all(&len);
    if (!strcmp(op, "f32tof16") || !strcmp(op, "f32tobf16")) {
        size_t n = len / 4;
        uint16_t *out = calloc(n ? n : 1, 2);
        f32_to_f16_fn h = (f32_to_f16_fn)sym("ggml_fp32_to_fp16");
        f32_to_bf16_fn b = (f32_to_bf16_fn)sym("ggml_fp32_to_bf16");
        int half = !strcmp(op, "f32tof16");
        for (size_t i = 0; i < n; i++) {
            float f;
            memcpy(&f, src + 4 * i, 4);
            out[i] = half ? h(f) : b(f).bits;
        }
        write_all(out, n * 2);
        return;
    }
    size_t n = len / 2;
    float *out = calloc(n ? n : 1, 4);
    f16_to_f32_fn h = (f16_to_f32_fn)sym("ggml_fp16_to_fp32");
    bf16_to_f32_fn b = (bf16_to_f32_fn)sym("ggml_bf16_to_fp32");
    int half = !strcmp(op, "f16tof32");
    for (size_t i = 0; i < n; i++) {
        uint16_t v;
        memcpy(&v, src + 2 * i, 2);
        bf16_t bv = {v};
        out[i] = half ? h(v) : b(bv);
    }
    write_all(out, n * 4);
}

static void cmd_layout(int type) {
    int64_t blck = ((blck_size_fn)sym("ggml_blck_size"))(type);
    size_t size = ((type_size_fn)sym("ggml_type_size"))(type);
    const char *name = ((type_name_fn)sym("ggml_type_name"))(type);
    printf("%lld %zu %s\n", (long long)blck, size, name ? name : "?");
}

int main(int argc, char **argv) {
    if (argc < 3) {
        die("usage: quantref LIB COMMAND [ARGS]", NULL);
    }
    lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        die("dlopen", dlerror());
    }
    const char *cmd = argv[2];
    if (!strcmp(cmd, "quantize") && argc == 5) {
        cmd_quantize((int)parse_int(argv[3]), parse_int(argv[4]));
    } else if (!strcmp(cmd, "dequantize") && argc == 5) {
        cmd_dequantize((int)parse_int(argv[3]), parse_int(argv[4]));
    } else if (!strcmp(cmd, "layout") && argc == 4) {
        cmd_layout((int)parse_int(argv[3]));
    } else if (argc == 3 && (!strcmp(cmd, "f32tof16") || !strcmp(cmd, "f16tof32") ||
                             !strcmp(cmd, "f32tobf16") || !strcmp(cmd, "bf16tof32"))) {
        cmd_scalar(cmd);
    } else {
        die("unknown command", cmd);
    }
    return 0;
}
