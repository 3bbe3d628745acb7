package kernel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/hearth-app/hearth/engine/quant"
)

// kTileTypes are the K-quant types with a four-vector kernel.
var kTileTypes = []quant.Type{quant.Q4_K, quant.Q5_K, quant.Q6_K}

// randomKInput returns n vectors of nb super-blocks prepared as Q8_K, then
// overwritten with arbitrary int8 values (-128 included, which quantizing
// never makes) and sums of 16 that match them, so the kernels see the
// extremes of their integer ranges.
func randomKInput(r *rand.Rand, n, nb int) *Input {
	c := nb * 256
	var in Input
	in.Set(randomFloats(r, n*c), n, c)
	in.prepare(formQ8K)
	if r.IntN(2) == 0 {
		return &in
	}
	for g := range len(in.bsk) {
		sum := 0
		for i := range 16 {
			v := int8(r.Uint32())
			in.qk[16*g+i] = v
			sum += int(v)
		}
		in.bsk[g] = int16(sum)
	}
	return &in
}

// kDotOne returns the one-vector product of row with vector v of in.
func kDotOne(typ quant.Type, in *Input, row []byte, v int) float32 {
	c, nb := in.Cols, in.Cols/256
	q, d, bs := in.qk[v*c:(v+1)*c], in.dk[v*nb:(v+1)*nb], in.bsk[v*nb*16:(v+1)*nb*16]
	switch typ {
	case quant.Q4_K:
		return dotQ4_K(row, q, d, bs)
	case quant.Q5_K:
		return dotQ5_K(row, q, d, bs)
	}
	return dotQ6_K(row, q, d, bs)
}

// TestKTileEqualsSingleVector checks that the K-quant four-vector kernels
// give each vector bit for bit what the one-vector kernel of the same
// feature level gives, for every group of four vectors in batches whose
// size is not a multiple of four, written with a stride as MatMul does.
func TestKTileEqualsSingleVector(t *testing.T) {
	for _, typ := range kTileTypes {
		for _, nb := range []int{1, 2, 3, 7, 16} {
			t.Run(fmt.Sprintf("%s/blocks=%d", typ, nb), func(t *testing.T) {
				forEachLevel(t, func(t *testing.T) {
					r := rand.New(rand.NewPCG(uint64(typ), uint64(nb)))
					for _, n := range []int{4, 5, 7, 10} {
						in := randomKInput(r, n, nb)
						tile := rowTile(typ, in)
						if tile == nil {
							t.Skip("no four-vector kernel at this level")
						}
						checkKTile(t, r, typ, in, tile)
					}
				})
			})
		}
	}
}

// checkKTile multiplies random rows with vectors t..t+3 of in for every t
// that fits and compares with one-vector products.
func checkKTile(t *testing.T, r *rand.Rand, typ quant.Type, in *Input, tile func([]byte, int, []float32, int)) {
	t.Helper()
	const stride = 3
	for range 5 {
		row := randomKRow(r, typ, in.Cols/256)
		for t0 := 0; t0+4 <= in.N; t0++ {
			out := make([]float32, 4*stride)
			tile(row, t0, out, stride)
			for k := range 4 {
				want := kDotOne(typ, in, row, t0+k)
				if got := out[k*stride]; math.Float32bits(got) != math.Float32bits(want) {
					t.Fatalf("vectors %d-%d of %d, vector %d: four at once %g, alone %g", t0, t0+3, in.N, t0+k, got, want)
				}
			}
		}
	}
}

// TestKMatMulTiles checks MatMul on K-quant matrices against one-vector
// products element by element, bit for bit, for batch sizes that leave
// 1, 2 or 3 vectors to the one-vector kernels and for batches longer than a
// vector block.
func TestKMatMulTiles(t *testing.T) {
	pool := NewPool(2)
	defer pool.Close()
	for _, typ := range kTileTypes {
		for _, n := range []int{1, 3, 6, 13, 39} {
			t.Run(fmt.Sprintf("%s/batch=%d", typ, n), func(t *testing.T) {
				forEachLevel(t, func(t *testing.T) {
					const rows, nb = 19, 3
					r := rand.New(rand.NewPCG(uint64(typ), uint64(n)))
					data := randomKRow(r, typ, rows*nb)
					m, err := NewMatrix(typ, rows, nb*256, data)
					if err != nil {
						t.Fatal(err)
					}
					in := randomKInput(r, n, nb)
					out := make([]float32, n*rows)
					if err := MatMul(pool, m, in, out); err != nil {
						t.Fatal(err)
					}
					for v := range n {
						for i := range rows {
							want := kDotOne(typ, in, m.Row(i), v)
							if got := out[v*rows+i]; math.Float32bits(got) != math.Float32bits(want) {
								t.Fatalf("vector %d row %d: MatMul %g, alone %g", v, i, got, want)
							}
						}
					}
				})
			})
		}
	}
}
