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
		var in Input
		in.Set(x, 1, n)
		in.prepare(typeTraits[typ].form)
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
	tr := typeTraits[typ]
	a := in.operand(tr.form, 0, 1)
	return func(row []byte) float32 { return tr.dot(row, &a) }
}

// BenchmarkRowKernelsBatch times a row times 4 vectors, as a prefill does,
// one vector at a time and four at once: Q8_0 and Q4_0 rows of 4096
// elements, and a Q5_0 row of 896 (a Qwen2.5-0.5B row).
func BenchmarkRowKernelsBatch(b *testing.B) {
	for _, c := range []struct {
		typ quant.Type
		n   int
	}{{quant.Q8_0, 4096}, {quant.Q4_0, 4096}, {quant.Q5_0, 896}} {
		r := rand.New(rand.NewPCG(1, uint64(c.typ)))
		row, _ := quant.Quantize(c.typ, randomFloats(r, c.n))
		var in Input
		in.Set(randomFloats(r, 4*c.n), 4, c.n)
		tr := typeTraits[c.typ]
		in.prepare(tr.form)
		ops := in.operands(tr.form, 1)
		b.Run(c.typ.String()+"/one at a time", func(b *testing.B) {
			b.SetBytes(int64(4 * len(row)))
			for b.Loop() {
				for v := range ops {
					tr.dot(row, &ops[v])
				}
			}
		})
		b.Run(c.typ.String()+"/four at once", func(b *testing.B) {
			tile := rowTile(c.typ, &in)
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
}
