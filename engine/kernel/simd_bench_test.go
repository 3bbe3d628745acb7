package kernel

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/hearth-app/hearth/engine/quant"
)

// BenchmarkRowKernels times one row product of 4096 elements, small enough
// to stay in cache, under every feature level: the kernels' arithmetic speed
// without the memory traffic of BenchmarkMatVec. bytes/s counts weight bytes.
func BenchmarkRowKernels(b *testing.B) {
	const n = 4096
	r := rand.New(rand.NewPCG(1, 2))
	x := randomFloats(r, n)
	for _, typ := range []quant.Type{quant.Q8_0, quant.Q4_0, quant.Q5_0, quant.Q4_1, quant.Q5_1, quant.F16, quant.BF16, quant.F32} {
		row, _ := quant.Quantize(typ, randomFloats(r, n))
		f, _ := formOf(typ)
		var in Input
		in.Set(x, 1, n)
		in.prepare(f)
		dot := rowDotFor(typ, &in)
		for _, level := range featureLevels() {
			b.Run(fmt.Sprintf("%s/%s", typ, level), func(b *testing.B) {
				prev := UseSIMD(level)
				defer UseSIMD(prev)
				b.SetBytes(int64(len(row)))
				for b.Loop() {
					dot(row)
				}
			})
		}
	}
}

// rowDotFor returns the row product with in's prepared activations.
func rowDotFor(typ quant.Type, in *Input) func(row []byte) float32 {
	switch typ {
	case quant.Q8_0:
		return func(row []byte) float32 { return dotQ8_0(row, in.q8, in.d8) }
	case quant.Q4_0:
		return func(row []byte) float32 { return dotQ4_0(row, in.q8, in.d8) }
	case quant.Q5_0:
		return func(row []byte) float32 { return dotQ5_0(row, in.q8, in.d8) }
	case quant.Q4_1:
		return func(row []byte) float32 { return dotQ4_1(row, in.q8, in.d8, in.s8) }
	case quant.Q5_1:
		return func(row []byte) float32 { return dotQ5_1(row, in.q8, in.d8, in.s8) }
	case quant.F16:
		return func(row []byte) float32 { return dotF16(row, in.round) }
	case quant.BF16:
		return func(row []byte) float32 { return dotBF16(row, in.round) }
	}
	return func(row []byte) float32 { return dotF32(row, in.X) }
}

// BenchmarkRowKernelsBatch times a Q8_0 row of 4096 elements times 4
// vectors, as a prefill does, one vector at a time and four at once.
func BenchmarkRowKernelsBatch(b *testing.B) {
	const n = 4096
	r := rand.New(rand.NewPCG(1, 2))
	row, _ := quant.Quantize(quant.Q8_0, randomFloats(r, n))
	var in Input
	in.Set(randomFloats(r, 4*n), 4, n)
	in.prepare(formQ8)
	b.Run("one at a time", func(b *testing.B) {
		b.SetBytes(int64(4 * len(row)))
		for b.Loop() {
			for v := range 4 {
				dotQ8_0(row, in.q8[v*n:(v+1)*n], in.d8[v*n/32:(v+1)*n/32])
			}
		}
	})
	b.Run("four at once", func(b *testing.B) {
		tile := rowTile(quant.Q8_0, &in)
		if tile == nil {
			b.Skip("no four-vector kernel on this CPU")
		}
		four := make([]float32, 4)
		b.SetBytes(int64(4 * len(row)))
		for b.Loop() {
			tile(row, 0, four, 1)
		}
	})
}

// BenchmarkQ5_0RowKernelsBatch times a Q5_0 row of 896 elements (a
// Qwen2.5-0.5B row) times 4 vectors, one vector at a time and four at once.
func BenchmarkQ5_0RowKernelsBatch(b *testing.B) {
	const n = 896
	r := rand.New(rand.NewPCG(1, 3))
	row, _ := quant.Quantize(quant.Q5_0, randomFloats(r, n))
	var in Input
	in.Set(randomFloats(r, 4*n), 4, n)
	in.prepare(formQ8)
	b.Run("one at a time", func(b *testing.B) {
		b.SetBytes(int64(4 * len(row)))
		for b.Loop() {
			for v := range 4 {
				dotQ5_0(row, in.q8[v*n:(v+1)*n], in.d8[v*n/32:(v+1)*n/32])
			}
		}
	})
	b.Run("four at once", func(b *testing.B) {
		tile := rowTile(quant.Q5_0, &in)
		if tile == nil {
			b.Skip("no four-vector kernel on this CPU")
		}
		four := make([]float32, 4)
		b.SetBytes(int64(4 * len(row)))
		for b.Loop() {
			tile(row, 0, four, 1)
		}
	})
}
