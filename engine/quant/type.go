// Package quant holds the tensor element types of GGML/GGUF files and converts
// between them and float32: dequantization for inference, quantization so that
// tests and users can produce every supported format.
package quant

import "fmt"

// Type is a GGML tensor element type, numbered as GGUF files number them.
type Type uint32

// The GGML type ids. Only the ones with a Layout entry are understood by Hearth;
// the rest are named so that error messages can say what a file contains.
const (
	F32  Type = 0
	F16  Type = 1
	Q4_0 Type = 2
	Q4_1 Type = 3
	Q5_0 Type = 6
	Q5_1 Type = 7
	Q8_0 Type = 8
	Q8_1 Type = 9
	Q2_K Type = 10
	Q3_K Type = 11
	Q4_K Type = 12
	Q5_K Type = 13
	Q6_K Type = 14
	Q8_K Type = 15
	I8   Type = 24
	I16  Type = 25
	I32  Type = 26
	I64  Type = 27
	F64  Type = 28
	BF16 Type = 30
)

// Layout describes how a type packs elements: BlockSize elements take
// BlockBytes bytes.
type Layout struct {
	Name       string
	BlockSize  int
	BlockBytes int
}

var layouts = map[Type]Layout{
	F32:  {"F32", 1, 4},
	F16:  {"F16", 1, 2},
	BF16: {"BF16", 1, 2},
	Q4_0: {"Q4_0", 32, 18},
	Q4_1: {"Q4_1", 32, 20},
	Q5_0: {"Q5_0", 32, 22},
	Q5_1: {"Q5_1", 32, 24},
	Q8_0: {"Q8_0", 32, 34},
	Q8_1: {"Q8_1", 32, 36},
	Q2_K: {"Q2_K", 256, 84},
	Q3_K: {"Q3_K", 256, 110},
	Q4_K: {"Q4_K", 256, 144},
	Q5_K: {"Q5_K", 256, 176},
	Q6_K: {"Q6_K", 256, 210},
	Q8_K: {"Q8_K", 256, 292},
	I8:   {"I8", 1, 1},
	I16:  {"I16", 1, 2},
	I32:  {"I32", 1, 4},
	I64:  {"I64", 1, 8},
	F64:  {"F64", 1, 8},
}

// LayoutOf returns the block layout of t, and false for a type Hearth does not know.
func LayoutOf(t Type) (Layout, bool) {
	l, ok := layouts[t]
	return l, ok
}

// String returns the GGML name of t, or "type(N)" for an unknown id.
func (t Type) String() string {
	if l, ok := layouts[t]; ok {
		return l.Name
	}
	return fmt.Sprintf("type(%d)", uint32(t))
}

// RowBytes returns the byte size of n elements of type t. It fails with
// ErrUnknownType when t is unknown and with ErrBlockSize when n is not a whole
// number of blocks.
func RowBytes(t Type, n int) (int, error) {
	l, ok := layouts[t]
	if !ok {
		return 0, fmt.Errorf("%s: %w", t, ErrUnknownType)
	}
	if n < 0 || n%l.BlockSize != 0 {
		return 0, fmt.Errorf("%d elements of %s in %d-element blocks: %w", n, t, l.BlockSize, ErrBlockSize)
	}
	return n / l.BlockSize * l.BlockBytes, nil
}
