package kernel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/hearth-app/hearth/engine/quant"
)

// randomQ8Input returns n vectors of nb blocks prepared as Q8_0; for half
// the seeds the activation bytes are then overwritten with arbitrary int8
// values, many of them q8Min() and 127, so the kernels see the extremes of
// their integer ranges.
// q8Min is the least activation byte the Q5_0 kernel of the current feature
// level takes: -128 (which quantizing never makes) for plain Go and AVX-512
// VNNI, -127 for AVX2, whose sign trick negates the activation bytes and so
// needs them within ±127, as Q8_0 quantization (round(x·127/amax)) keeps them.
func q8Min() int8 {
	if simd.Load().AVX2 && !simd.Load().VNNI {
		return -127
	}
	return -128
}

func randomQ8Input(r *rand.Rand, n, nb int) *Input {
	lo := q8Min()
	c := nb * 32
	var in Input
	in.Set(randomFloats(r, n*c), n, c)
	in.prepare(formQ8)
	if r.IntN(2) == 0 {
		return &in
	}
	for i := range in.q8 {
		switch r.IntN(8) {
		case 0:
			in.q8[i] = lo
		case 1:
			in.q8[i] = 127
		default:
			in.q8[i] = max(lo, int8(r.Uint32()))
		}
	}
	return &in
}

// TestQ5_0ExtremeActivations checks the Q5_0 row kernel at every feature
// level against plain Go and against quant.Dequantize's values, with the
// bound of TestBlockKernelsMatchReference, on activations with -128 and 127
// runs and weights whose fifth bits are all set, all clear or random.
func TestQ5_0ExtremeActivations(t *testing.T) {
	for _, nb := range blockCounts {
		t.Run(fmt.Sprintf("blocks=%d", nb), func(t *testing.T) {
			forEachLevel(t, func(t *testing.T) {
				r := rand.New(rand.NewPCG(50, uint64(nb)))
				for i := range 30 {
					row := randomBlockRow(r, quant.Q5_0, nb)
					for b := range nb {
						for j := 2; j < 6; j++ {
							switch i % 3 {
							case 0:
								row[b*22+j] = 0xff
							case 1:
								row[b*22+j] = 0
							}
						}
					}
					in := randomQ8Input(r, 1, nb)
					want, mag := blockReference(t, quant.Q5_0, row, in)
					got := dotQ5_0(row, in.q8, in.d8)
					plain := dotQ5_0Generic(row, in.q8, in.d8)
					withinSumBound(t, got, plain, want, mag, nb+10)
				}
			})
		})
	}
}

// TestQ5_0TileEqualsSingleVector checks that the Q5_0 four-vector kernel
// gives each vector bit for bit what the one-vector kernel of the same
// feature level gives, for every group of four vectors in batches of 4, 5,
// 7 and 10, written with a stride as MatMul does.
func TestQ5_0TileEqualsSingleVector(t *testing.T) {
	for _, nb := range blockCounts {
		t.Run(fmt.Sprintf("blocks=%d", nb), func(t *testing.T) {
			forEachLevel(t, func(t *testing.T) {
				r := rand.New(rand.NewPCG(55, uint64(nb)))
				for _, n := range []int{4, 5, 7, 10} {
					in := randomQ8Input(r, n, nb)
					tile := rowTile(quant.Q5_0, in)
					if tile == nil {
						t.Skip("no four-vector kernel at this level")
					}
					c := in.Cols
					const stride = 3
					for range 5 {
						row := randomBlockRow(r, quant.Q5_0, nb)
						for t0 := 0; t0+4 <= n; t0++ {
							out := make([]float32, 4*stride)
							tile(row, t0, out, stride)
							for k := range 4 {
								v := t0 + k
								want := dotQ5_0(row, in.q8[v*c:(v+1)*c], in.d8[v*nb:(v+1)*nb])
								if got := out[k*stride]; math.Float32bits(got) != math.Float32bits(want) {
									t.Fatalf("vectors %d-%d of %d, vector %d: four at once %g, alone %g", t0, t0+3, n, v, got, want)
								}
							}
						}
					}
				}
			})
		})
	}
}

// TestQ5_0MatMulTiles checks MatMul on Q5_0 matrices (which goes through
// the four-vector kernel where there is one) against one-vector products
// element by element, bit for bit.
func TestQ5_0MatMulTiles(t *testing.T) {
	pool := NewPool(2)
	defer pool.Close()
	for _, n := range []int{1, 3, 4, 5, 7, 10, 39} {
		t.Run(fmt.Sprintf("batch=%d", n), func(t *testing.T) {
			forEachLevel(t, func(t *testing.T) {
				const rows, nb = 19, 28
				r := rand.New(rand.NewPCG(56, uint64(n)))
				data := randomBlockRow(r, quant.Q5_0, rows*nb)
				m, err := NewMatrix(quant.Q5_0, rows, nb*32, data)
				if err != nil {
					t.Fatal(err)
				}
				in := randomQ8Input(r, n, nb)
				out := make([]float32, n*rows)
				if err := MatMul(pool, m, in, out); err != nil {
					t.Fatal(err)
				}
				c := nb * 32
				for v := range n {
					for i := range rows {
						row := m.Row(i)
						want := dotQ5_0(row, in.q8[v*c:(v+1)*c], in.d8[v*nb:(v+1)*nb])
						if got := out[v*rows+i]; math.Float32bits(got) != math.Float32bits(want) {
							t.Fatalf("vector %d, row %d: MatMul %g, alone %g", v, i, got, want)
						}
					}
				}
			})
		})
	}
}
