/* ggufref dumps what llama.cpp's own GGUF parser (the gguf_* API of
 * libggml-base.so, loaded with dlopen) reads from a file, so that Hearth's
 * reader can be checked against it.
 *
 * usage: ggufref LIBGGML_BASE FILE.gguf
 *
 * Output, one record per line, fields separated by tabs:
 *   version V / alignment A / data_offset D / n_kv N / n_tensors M
 *   kv KEY_HEX TYPE ARR_TYPE COUNT     (ARR_TYPE and COUNT are -1 and 1 for scalars)
 *   v VALUE                            (COUNT lines after each kv)
 *   tensor NAME_HEX TYPE OFFSET SIZE NE0 NE1 NE2 NE3
 * Values: integers in decimal, bools 0/1, float32/float64 as the hex of their
 * bits, strings as the hex of their bytes. OFFSET is relative to the data
 * section, as gguf_get_tensor_offset reports it.
 * When llama.cpp refuses the file, it prints "error" and exits with status 3. */
#include <dlfcn.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct gguf_context;
struct ggml_context;
struct gguf_init_params {
    bool no_alloc;
    struct ggml_context **ctx;
};

enum { T_U8, T_I8, T_U16, T_I16, T_U32, T_I32, T_F32, T_BOOL, T_STR, T_ARR, T_U64, T_I64, T_F64 };

static struct gguf_context *(*init_from_file)(const char *, struct gguf_init_params);
static void (*gfree)(struct gguf_context *);
static uint32_t (*get_version)(const struct gguf_context *);
static size_t (*get_alignment)(const struct gguf_context *);
static size_t (*get_data_offset)(const struct gguf_context *);
static int64_t (*get_n_kv)(const struct gguf_context *);
static const char *(*get_key)(const struct gguf_context *, int64_t);
static int (*get_kv_type)(const struct gguf_context *, int64_t);
static int (*get_arr_type)(const struct gguf_context *, int64_t);
static size_t (*get_arr_n)(const struct gguf_context *, int64_t);
static const void *(*get_arr_data)(const struct gguf_context *, int64_t);
static const char *(*get_arr_str)(const struct gguf_context *, int64_t, size_t);
static const void *(*get_val_data)(const struct gguf_context *, int64_t);
static const char *(*get_val_str)(const struct gguf_context *, int64_t);
static int64_t (*get_n_tensors)(const struct gguf_context *);
static const char *(*get_tensor_name)(const struct gguf_context *, int64_t);
static int (*get_tensor_type)(const struct gguf_context *, int64_t);
static size_t (*get_tensor_offset)(const struct gguf_context *, int64_t);
static size_t (*get_tensor_size)(const struct gguf_context *, int64_t);
static const int64_t *(*get_tensor_ne)(const struct gguf_context *, int64_t);

static void *sym(void *lib, const char *name) {
    void *p = dlsym(lib, name);
    if (!p) {
        fprintf(stderr, "ggufref: %s not found: %s\n", name, dlerror());
        exit(2);
    }
    return p;
}

static void load(const char *path) {
    void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        fprintf(stderr, "ggufref: dlopen %s: %s\n", path, dlerror());
        exit(2);
    }
    *(void **)&init_from_file = sym(lib, "gguf_init_from_file");
    *(void **)&gfree = sym(lib, "gguf_free");
    *(void **)&get_version = sym(lib, "gguf_get_version");
    *(void **)&get_alignment = sym(lib, "gguf_get_alignment");
    *(void **)&get_data_offset = sym(lib, "gguf_get_data_offset");
    *(void **)&get_n_kv = sym(lib, "gguf_get_n_kv");
    *(void **)&get_key = sym(lib, "gguf_get_key");
    *(void **)&get_kv_type = sym(lib, "gguf_get_kv_type");
    *(void **)&get_arr_type = sym(lib, "gguf_get_arr_type");
    *(void **)&get_arr_n = sym(lib, "gguf_get_arr_n");
    *(void **)&get_arr_data = sym(lib, "gguf_get_arr_data");
    *(void **)&get_arr_str = sym(lib, "gguf_get_arr_str");
    *(void **)&get_val_data = sym(lib, "gguf_get_val_data");
    *(void **)&get_val_str = sym(lib, "gguf_get_val_str");
    *(void **)&get_n_tensors = sym(lib, "gguf_get_n_tensors");
    *(void **)&get_tensor_name = sym(lib, "gguf_get_tensor_name");
    *(void **)&get_tensor_type = sym(lib, "gguf_get_tensor_type");
    *(void **)&get_tensor_offset = sym(lib, "gguf_get_tensor_offset");
    *(void **)&get_tensor_size = sym(lib, "gguf_get_tensor_size");
    *(void **)&get_tensor_ne = sym(lib, "gguf_get_tensor_ne");
}

static void hex(const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) printf("%02x", *p);
}

/* value prints element i of type t stored at data. */
static void value(int t, const void *data, size_t i) {
    const char *b = data;
    printf("v\t");
    switch (t) {
    case T_U8: printf("%u", ((const uint8_t *)b)[i]); break;
    case T_I8: printf("%d", ((const int8_t *)b)[i]); break;
    case T_U16: printf("%u", ((const uint16_t *)b)[i]); break;
    case T_I16: printf("%d", ((const int16_t *)b)[i]); break;
    case T_U32: printf("%u", ((const uint32_t *)b)[i]); break;
    case T_I32: printf("%d", ((const int32_t *)b)[i]); break;
    case T_U64: printf("%llu", (unsigned long long)((const uint64_t *)b)[i]); break;
    case T_I64: printf("%lld", (long long)((const int64_t *)b)[i]); break;
    case T_BOOL: printf("%d", ((const int8_t *)b)[i] != 0); break;
    case T_F32: {
        uint32_t u;
        memcpy(&u, b + 4 * i, 4);
        printf("%08x", u);
        break;
    }
    case T_F64: {
        uint64_t u;
        memcpy(&u, b + 8 * i, 8);
        printf("%016llx", (unsigned long long)u);
        break;
    }
    default: printf("?"); break;
    }
    printf("\n");
}

static void dump_kv(struct gguf_context *ctx, int64_t i) {
    int t = get_kv_type(ctx, i);
    printf("kv\t");
    hex(get_key(ctx, i));
    if (t != T_ARR) {
        printf("\t%d\t-1\t1\n", t);
        if (t == T_STR) {
            printf("v\t");
            hex(get_val_str(ctx, i));
            printf("\n");
        } else {
            value(t, get_val_data(ctx, i), 0);
        }
        return;
    }
    int at = get_arr_type(ctx, i);
    size_t n = get_arr_n(ctx, i);
    printf("\t%d\t%d\t%zu\n", t, at, n);
    for (size_t j = 0; j < n; j++) {
        if (at == T_STR) {
            printf("v\t");
            hex(get_arr_str(ctx, i, j));
            printf("\n");
        } else {
            value(at, get_arr_data(ctx, i), j);
        }
    }
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: ggufref LIBGGML_BASE FILE.gguf\n");
        return 2;
    }
    load(argv[1]);
    struct gguf_init_params params = {true, NULL};
    struct gguf_context *ctx = init_from_file(argv[2], params);
    if (!ctx) {
        printf("error\n");
        return 3;
    }
    printf("version\t%u\nalignment\t%zu\ndata_offset\t%zu\n", get_version(ctx), get_alignment(ctx), get_data_offset(ctx));
    int64_t nkv = get_n_kv(ctx), nt = get_n_tensors(ctx);
    printf("n_kv\t%lld\nn_tensors\t%lld\n", (long long)nkv, (long long)nt);
    for (int64_t i = 0; i < nkv; i++) dump_kv(ctx, i);
    for (int64_t i = 0; i < nt; i++) {
        const int64_t *ne = get_tensor_ne(ctx, i);
        printf("tensor\t");
        hex(get_tensor_name(ctx, i));
        printf("\t%d\t%zu\t%zu\t%lld\t%lld\t%lld\t%lld\n", get_tensor_type(ctx, i), get_tensor_offset(ctx, i),
               get_tensor_size(ctx, i), (long long)ne[0], (long long)ne[1], (long long)ne[2], (long long)ne[3]);
    }
    gfree(ctx);
    return 0;
}
