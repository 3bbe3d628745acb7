package kernel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/hearth-app/hearth/engine/quant"
)

// TestPairTilesEqualSingleVector checks every two-row tile in typeTraits
// (arm64's SMMLA tiles) at every feature level that has one: each row and
// vector of a group of two rows and four vectors gets bit for bit what dot
// gives that row and vector alone, and is within the bound of
// TestBlockKernelsMatchReference of the exact product (which the plain-Go
// kernel meets too), for every group in batches of 4, 5 and 7, for row
// widths of one block up to many, written with a stride as MatMul does. The
// activations include the int8 extremes (-128 and 127), the weights every
// byte value.
func TestPairTilesEqualSingleVector(t *testing.T) {
	ran := 0
	for typ, tr := range typeTraits {
		if !hasPairTile(tr) {
			continue
		}
		for _, nb := range []int{1, 2, 3, 5, 7, 28} {
			t.Run(fmt.Sprintf("%s/blocks=%d", typ, nb), func(t *testing.T) {
				forEachLevel(t, func(t *testing.T) {
					r := rand.New(rand.NewPCG(uint64(typ), 100+uint64(nb)))
					for _, n := range []int{4, 5, 7} {
						in := randomQ8Input(r, n, nb)
						pair := pairTile(typ, in)
						if pair == nil {
							t.Skip("no two-row tile at this level")
						}
						ran++
						for range 5 {
							rows := randomBlockRow(r, typ, 2*nb)
							checkPair(t, typ, rows, in, pair)
						}
					}
				})
			})
		}
	}
	t.Logf("%d batches through two-row tiles", ran)
}

// hasPairTile reports whether one of tr's tiles has a two-row kernel.
func hasPairTile(tr traits) bool {
	for _, k := range tr.tiles {
		if k.pair != nil {
			return true
		}
	}
	return false
}

// checkPair multiplies rows (two rows of typ, a type with Q8_0 activations) with vectors
// t..t+3 of in for every t that fits, and compares each result with the
// one-vector product bit for bit and with the exact product within the sum
// bound.
func checkPair(t *testing.T, typ quant.Type, rows []byte, in *Input, pair tileProduct) {
	t.Helper()
	tr := typeTraits[typ]
	const stride = 3
	rb := len(rows) / 2
	nb, c := len(in.d8)/in.N, in.Cols
	for t0 := 0; t0+tileVectors <= in.N; t0++ {
		out := make([]float32, tileVectors*stride)
		pair(rows, t0, out, stride)
		for k := range tileVectors {
			v := t0 + k
			one := &Input{q8: in.q8[v*c : (v+1)*c], d8: in.d8[v*nb : (v+1)*nb]}
			for i := range 2 {
				row := rows[i*rb : (i+1)*rb]
				got := out[k*stride+i]
				want := tr.dot(row, new(in.operand(formQ8, v, 1)))
				if math.Float32bits(got) != math.Float32bits(want) {
					t.Fatalf("vectors %d-%d of %d, row %d, vector %d: two rows at once %g, alone %g", t0, t0+3, in.N, i, v, got, want)
				}
				exact, mag := blockReference(t, typ, row, one)
				withinSumBound(t, got, tr.generic(row, new(in.operand(formQ8, v, 1))), exact, mag, nb+10)
			}
		}
	}
}
