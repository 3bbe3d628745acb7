package quant_test

import (
	"bytes"
	"fmt"
	"math"
	"testing"

	"github.com/hearth-app/hearth/engine/internal/llamaref"
	"github.com/hearth-app/hearth/engine/quant"
)

const (
	refRowLen = 512 // elements per row: whole blocks of every type
	refRows   = 24  // rows per dataset
)

// TestQuantizeMatchesGGML checks that Quantize produces the bytes of
// llama.cpp's ggml_quantize_chunk for every type and dataset.
func TestQuantizeMatchesGGML(t *testing.T) {
	llamaref.Require(t)
	for _, typ := range supported {
		t.Run(typ.String(), func(t *testing.T) {
			t.Parallel()
			all, spans := concatDatasets(refRows * refRowLen)
			want := llamaref.Quantize(t, uint32(typ), all, refRowLen)
			got, err := quant.Quantize(typ, all)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("Quantize: %d bytes, ggml: %d", len(got), len(want))
			}
			l, _ := quant.LayoutOf(typ)
			per := refRows * refRowLen / l.BlockSize * l.BlockBytes
			for i, ds := range datasets {
				g, w := got[spans[i]/l.BlockSize*l.BlockBytes:][:per], want[spans[i]/l.BlockSize*l.BlockBytes:][:per]
				if msg := firstByteDiff(g, w, l.BlockBytes); msg != "" {
					t.Errorf("%s: %s", ds.name, msg)
				}
			}
		})
	}
}

// TestDequantizeMatchesGGML checks that Dequantize decodes, bit for bit like
// llama.cpp's dequantize_row_*, both ggml's own quantization of every dataset
// and blocks of random bytes (arbitrary scales, including Inf and NaN).
func TestDequantizeMatchesGGML(t *testing.T) {
	llamaref.Require(t)
	for _, typ := range supported {
		t.Run(typ.String(), func(t *testing.T) {
			t.Parallel()
			all, _ := concatDatasets(refRows * refRowLen)
			blocks := llamaref.Quantize(t, uint32(typ), all, refRowLen)
			compareDequantize(t, typ, "ggml-quantized", blocks, len(all))

			l, _ := quant.LayoutOf(typ)
			random := make([]byte, 2048*l.BlockBytes)
			r := newRand("random-blocks-" + typ.String())
			for i := range random {
				random[i] = byte(r.Uint32())
			}
			compareDequantize(t, typ, "random-bytes", random, 2048*l.BlockSize)
		})
	}
}

func compareDequantize(t *testing.T, typ quant.Type, name string, src []byte, n int) {
	t.Helper()
	want := llamaref.Dequantize(t, uint32(typ), src, n)
	got := make([]float32, n)
	if err := quant.Dequantize(typ, src, got); err != nil {
		t.Fatal(err)
	}
	if msg := firstFloatDiff(got, want); msg != "" {
		t.Errorf("%s: %s", name, msg)
	}
}

// concatDatasets returns n elements of every dataset, one after the other,
// and the offset of each.
func concatDatasets(n int) ([]float32, []int) {
	var all []float32
	var spans []int
	for _, ds := range datasets {
		spans = append(spans, len(all))
		all = append(all, ds.gen(newRand(ds.name), n)...)
	}
	return all, spans
}

// firstByteDiff describes where got first differs from want, or returns "".
func firstByteDiff(got, want []byte, blockBytes int) string {
	if bytes.Equal(got, want) {
		return ""
	}
	bad := 0
	first := -1
	for i := range got {
		if got[i] != want[i] {
			bad++
			if first < 0 {
				first = i
			}
		}
	}
	b := first / blockBytes * blockBytes
	return fmt.Sprintf("%d bytes differ; first at block %d byte %d\n got: % x\nwant: % x",
		bad, first/blockBytes, first-b, got[b:b+blockBytes], want[b:b+blockBytes])
}

// firstFloatDiff compares bit patterns and describes the first difference.
func firstFloatDiff(got, want []float32) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%d values, want %d", len(got), len(want))
	}
	bad, first := 0, -1
	for i := range got {
		if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
			bad++
			if first < 0 {
				first = i
			}
		}
	}
	if bad == 0 {
		return ""
	}
	return fmt.Sprintf("%d values differ; first at %d: got %g (%#08x), want %g (%#08x)", bad, first,
		got[first], math.Float32bits(got[first]), want[first], math.Float32bits(want[first]))
}
