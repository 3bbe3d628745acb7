package quant_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"testing"

	"github.com/hearth-app/hearth/engine/internal/llamaref"
	"github.com/hearth-app/hearth/engine/quant"
)

// FuzzDequantize feeds arbitrary bytes, as any supported type, to Dequantize:
// it must never panic, and must reject sizes that are not whole blocks.
// Arbitrary bytes may decode to NaN or Inf; that is allowed.
func FuzzDequantize(f *testing.F) {
	f.Fuzz(func(t *testing.T, typ uint8, data []byte) {
		tt := supported[int(typ)%len(supported)]
		l, _ := quant.LayoutOf(tt)
		blocks := len(data) / l.BlockBytes
		dst := make([]float32, blocks*l.BlockSize)
		if err := quant.Dequantize(tt, data[:blocks*l.BlockBytes], dst); err != nil {
			t.Fatalf("%s: %v", tt, err)
		}
		if len(data)%l.BlockBytes != 0 {
			if err := quant.Dequantize(tt, data, dst); !errors.Is(err, quant.ErrSize) {
				t.Fatalf("%s, %d bytes for %d elements: %v, want ErrSize", tt, len(data), len(dst), err)
			}
		}
		// Any type id at all: an error or a result, never a panic.
		_ = quant.Dequantize(quant.Type(typ), data, make([]float32, len(data)))
	})
}

// FuzzQuantize quantizes arbitrary float32s (NaN, Inf, subnormals
// included): Quantize must not panic, its output must decode, and, when the
// llama.cpp reference is installed, it must equal ggml's bytes. NaN payloads
// are reduced to the canonical quiet NaN first: which of two NaN operands an
// x86 instruction propagates depends on the operand order the C compiler
// chose, which is no part of the formats (see RATIONALE.md).
func FuzzQuantize(f *testing.F) {
	f.Fuzz(func(t *testing.T, typ uint8, data []byte) {
		tt := supported[int(typ)%len(supported)]
		l, _ := quant.LayoutOf(tt)
		x := make([]float32, len(data)/4/l.BlockSize*l.BlockSize)
		for i := range x {
			x[i] = canonicalNaN(math.Float32frombits(binary.LittleEndian.Uint32(data[4*i:])))
		}
		got, err := quant.Quantize(tt, x)
		if err != nil {
			t.Fatalf("%s: %v", tt, err)
		}
		if err := quant.Dequantize(tt, got, make([]float32, len(x))); err != nil {
			t.Fatalf("%s: %v", tt, err)
		}
		if !llamaref.Available() || len(x) == 0 {
			return
		}
		if want := llamaref.Quantize(t, uint32(tt), x, l.BlockSize); !bytes.Equal(got, want) {
			t.Fatalf("%s: Quantize differs from ggml:\n got % x\nwant % x", tt, got, want)
		}
	})
}

// canonicalNaN replaces a NaN by the quiet NaN of the same sign with no
// payload.
func canonicalNaN(f float32) float32 {
	if f == f {
		return f
	}
	return math.Float32frombits(math.Float32bits(f)&0x80000000 | 0x7fc00000)
}
