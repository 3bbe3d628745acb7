package quant_test

import (
	"testing"

	"github.com/hearth-app/hearth/engine/quant"
)

// BenchmarkDequantize measures decoding speed per type. MB/s counts encoded
// bytes read (the weights a matrix-vector product streams); Melem/s counts
// float32s produced.
func BenchmarkDequantize(b *testing.B) {
	const n = 1 << 16
	x := datasets[0].gen(newRand("bench"), n)
	for _, typ := range supported {
		b.Run(typ.String(), func(b *testing.B) {
			src, err := quant.Quantize(typ, x)
			if err != nil {
				b.Fatal(err)
			}
			dst := make([]float32, n)
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if err := quant.Dequantize(typ, src, dst); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds()/1e6, "Melem/s")
		})
	}
}

// BenchmarkQuantize measures the reference quantizers (MB/s of float32 input).
func BenchmarkQuantize(b *testing.B) {
	const n = 1 << 14
	x := datasets[0].gen(newRand("bench"), n)
	for _, typ := range supported {
		b.Run(typ.String(), func(b *testing.B) {
			l, _ := quant.LayoutOf(typ)
			dst := make([]byte, n/l.BlockSize*l.BlockBytes)
			b.SetBytes(4 * n)
			for b.Loop() {
				if err := quant.QuantizeInto(typ, dst, x); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
