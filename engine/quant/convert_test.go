package quant_test

import (
	"errors"
	"testing"

	"github.com/hearth-app/hearth/engine/quant"
)

// TestConvertErrors checks that bad sizes and types are reported with the
// sentinel errors, never by a panic.
func TestConvertErrors(t *testing.T) {
	tests := []struct {
		name  string
		typ   quant.Type
		n     int // elements
		bytes int // encoded bytes
		want  error
	}{
		{"unknown type", quant.Type(99), 32, 18, quant.ErrUnknownType},
		{"known but unsupported", quant.Q2_K, 256, 84, quant.ErrUnsupported},
		{"partial block", quant.Q4_0, 31, 18, quant.ErrBlockSize},
		{"partial super-block", quant.Q4_K, 128, 72, quant.ErrBlockSize},
		{"short buffer", quant.Q8_0, 64, 67, quant.ErrSize},
		{"long buffer", quant.Q6_K, 256, 211, quant.ErrSize},
		{"odd F16 bytes", quant.F16, 3, 5, quant.ErrSize},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := quant.Dequantize(tt.typ, make([]byte, tt.bytes), make([]float32, tt.n)); !errors.Is(err, tt.want) {
				t.Errorf("Dequantize: %v, want %v", err, tt.want)
			}
			if err := quant.QuantizeInto(tt.typ, make([]byte, tt.bytes), make([]float32, tt.n)); !errors.Is(err, tt.want) {
				t.Errorf("QuantizeInto: %v, want %v", err, tt.want)
			}
		})
	}
}

// TestQuantizeSize checks Quantize's output length against the layout: block
// size and bytes per block as ggml defines them (see TestLayoutMatchesGGML).
func TestQuantizeSize(t *testing.T) {
	for _, typ := range supported {
		t.Run(typ.String(), func(t *testing.T) {
			l, _ := quant.LayoutOf(typ)
			for _, blocks := range []int{0, 1, 3} {
				got, err := quant.Quantize(typ, make([]float32, blocks*l.BlockSize))
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != blocks*l.BlockBytes {
					t.Errorf("%d blocks: %d bytes, want %d", blocks, len(got), blocks*l.BlockBytes)
				}
			}
			if !quant.Supported(typ) {
				t.Errorf("Supported(%s) = false", typ)
			}
		})
	}
}
