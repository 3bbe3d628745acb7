package quant

import "fmt"

// codec is the pair of row converters of one type. Both assume the caller
// has checked that src and dst hold the same whole number of blocks.
type codec struct {
	dequantize func(src []byte, dst []float32)
	quantize   func(src []float32, dst []byte)
}

// codecOf returns the converters of t, and false when t has none.
func codecOf(t Type) (codec, bool) {
	switch t {
	case F32:
		return codec{dequantizeF32, quantizeF32}, true
	case F16:
		return codec{dequantizeF16, quantizeF16}, true
	case BF16:
		return codec{dequantizeBF16, quantizeBF16}, true
	case Q4_0:
		return codec{dequantizeQ4_0, quantizeQ4_0}, true
	case Q4_1:
		return codec{dequantizeQ4_1, quantizeQ4_1}, true
	case Q5_0:
		return codec{dequantizeQ5_0, quantizeQ5_0}, true
	case Q5_1:
		return codec{dequantizeQ5_1, quantizeQ5_1}, true
	case Q8_0:
		return codec{dequantizeQ8_0, quantizeQ8_0}, true
	case Q4_K:
		return codec{dequantizeQ4_K, quantizeQ4_K}, true
	case Q5_K:
		return codec{dequantizeQ5_K, quantizeQ5_K}, true
	case Q6_K:
		return codec{dequantizeQ6_K, quantizeQ6_K}, true
	case Q8_K:
		return codec{dequantizeQ8_K, quantizeQ8_K}, true
	}
	return codec{}, false
}

// Supported reports whether Quantize and Dequantize convert type t.
func Supported(t Type) bool {
	_, ok := codecOf(t)
	return ok
}

// Dequantize decodes len(dst) elements of type t from src into dst. len(dst)
// must be a whole number of blocks and src exactly RowBytes(t, len(dst)) long.
// The result is bit-identical to llama.cpp's dequantize_row_* functions.
func Dequantize(t Type, src []byte, dst []float32) error {
	c, err := checked(t, len(dst), len(src))
	if err != nil {
		return fmt.Errorf("dequantize: %w", err)
	}
	c.dequantize(src, dst)
	return nil
}

// Quantize encodes src as type t, which must be a whole number of blocks. The
// bytes are those llama.cpp's ggml_quantize_chunk produces without an
// importance matrix (the quantize_row_*_ref functions), bit for bit.
func Quantize(t Type, src []float32) ([]byte, error) {
	n, err := RowBytes(t, len(src))
	if err != nil {
		return nil, fmt.Errorf("quantize: %w", err)
	}
	dst := make([]byte, n)
	if err := QuantizeInto(t, dst, src); err != nil {
		return nil, err
	}
	return dst, nil
}

// QuantizeInto is Quantize writing into dst, which must be exactly
// RowBytes(t, len(src)) long; it does not allocate.
func QuantizeInto(t Type, dst []byte, src []float32) error {
	c, err := checked(t, len(src), len(dst))
	if err != nil {
		return fmt.Errorf("quantize: %w", err)
	}
	c.quantize(src, dst)
	return nil
}

// checked returns the converters of t after checking that n elements are
// whole blocks taking exactly size bytes.
func checked(t Type, n, size int) (codec, error) {
	want, err := RowBytes(t, n)
	if err != nil {
		return codec{}, err
	}
	c, ok := codecOf(t)
	if !ok {
		return codec{}, fmt.Errorf("%s: %w", t, ErrUnsupported)
	}
	if size != want {
		return codec{}, fmt.Errorf("%d elements of %s take %d bytes, not %d: %w", n, t, want, size, ErrSize)
	}
	return c, nil
}
