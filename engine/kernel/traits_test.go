package kernel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/hearth-app/hearth/engine/quant"
)

// rowTile returns the tile of type typ for the current level bound to in
// (prepared for typ), or nil where there is none.
func rowTile(typ quant.Type, in *Input) tileProduct { return bindTiles(typeTraits[typ], in).one }

// pairTile returns the two-row tile of type typ for the current level bound
// to in (prepared for typ), or nil where there is none.
func pairTile(typ quant.Type, in *Input) tileProduct { return bindTiles(typeTraits[typ], in).pair }

// TestTraitsTableComplete checks that every type the kernels take has an
// entry with its form, its products and tiles that name a level.
func TestTraitsTableComplete(t *testing.T) {
	for typ, tr := range typeTraits {
		if tr.generic == nil || tr.dot == nil {
			t.Errorf("%s: missing a row product", typ)
		}
		for i, k := range tr.tiles {
			if k.run == nil || k.needs == (Features{}) || k.minCols <= 0 {
				t.Errorf("%s: tile %d is incomplete: %+v", typ, i, k)
			}
		}
	}
}

// TestTilesEqualSingleVector checks every tile in typeTraits at every
// feature level: each vector of a group of four gets bit for bit what dot
// gives it alone, for every group in batches of 4, 5 and 7, for row widths
// of one block up to many, written with a stride as MatMul does.
func TestTilesEqualSingleVector(t *testing.T) {
	for typ, tr := range typeTraits {
		if len(tr.tiles) == 0 {
			continue
		}
		for _, nb := range []int{1, 2, 3, 5, 7, 28} {
			t.Run(fmt.Sprintf("%s/blocks=%d", typ, nb), func(t *testing.T) {
				forEachLevel(t, func(t *testing.T) {
					r := rand.New(rand.NewPCG(uint64(typ), uint64(nb)))
					for _, n := range []int{4, 5, 7} {
						in := randomTileInput(t, r, typ, n, nb)
						tile := rowTile(typ, in)
						if tile == nil {
							t.Skip("no tile at this level")
						}
						checkTile(t, r, typ, in, tile)
					}
				})
			})
		}
	}
}

// checkTile multiplies random rows of typ with vectors t..t+3 of in for
// every t that fits and compares with the one-vector product.
func checkTile(t *testing.T, r *rand.Rand, typ quant.Type, in *Input, tile tileProduct) {
	t.Helper()
	const stride = 3
	tr := typeTraits[typ]
	for range 5 {
		row := randomTileRow(t, r, typ, in.Cols)
		for t0 := 0; t0+tileVectors <= in.N; t0++ {
			out := make([]float32, tileVectors*stride)
			tile(row, t0, out, stride)
			for k := range tileVectors {
				want := tr.dot(row, new(in.operand(tr.form, t0+k, 1)))
				if got := out[k*stride]; math.Float32bits(got) != math.Float32bits(want) {
					t.Fatalf("vectors %d-%d of %d, vector %d: four at once %g, alone %g", t0, t0+3, in.N, t0+k, got, want)
				}
			}
		}
	}
}

// randomTileInput returns n vectors of nb blocks of typ (nb·12 values for
// the float types), prepared for it, with the integer extremes mixed in for
// the quantized forms.
func randomTileInput(t *testing.T, r *rand.Rand, typ quant.Type, n, nb int) *Input {
	t.Helper()
	switch f := typeTraits[typ].form; f {
	case formQ8:
		return randomQ8Input(r, n, nb)
	case formQ8K:
		return randomKInput(r, n, nb)
	default:
		c := nb * 12 // widths with and without a remainder after multiples of 8
		var in Input
		in.Set(randomFloats(r, n*c), n, c)
		in.prepare(f)
		return &in
	}
}

// randomTileRow returns a random row of cols values of typ.
func randomTileRow(t *testing.T, r *rand.Rand, typ quant.Type, cols int) []byte {
	t.Helper()
	switch typeTraits[typ].form {
	case formQ8:
		return randomBlockRow(r, typ, cols/32)
	case formQ8K:
		return randomKRow(r, typ, cols/256)
	}
	row, err := quant.Quantize(typ, randomFloats(r, cols))
	if err != nil {
		t.Fatal(err)
	}
	return row
}

// TestMatMulTilesEqualSingleVector checks MatMul, which goes through the
// tiles where there are some, against one-vector products element by
// element, bit for bit, for every type with tiles at every level, with
// batches that leave 1 to 3 vectors to the one-vector product and one
// longer than a vector block.
func TestMatMulTilesEqualSingleVector(t *testing.T) {
	pool := NewPool(2)
	defer pool.Close()
	for typ, tr := range typeTraits {
		if len(tr.tiles) == 0 {
			continue
		}
		for _, n := range []int{1, 3, 4, 7, 39} {
			t.Run(fmt.Sprintf("%s/batch=%d", typ, n), func(t *testing.T) {
				forEachLevel(t, func(t *testing.T) {
					checkMatMulTiles(t, pool, typ, n)
				})
			})
		}
	}
}

// checkMatMulTiles multiplies a random 19-row matrix of typ with n random
// vectors and compares every element with the one-vector product.
func checkMatMulTiles(t *testing.T, pool *Pool, typ quant.Type, n int) {
	t.Helper()
	const rows, nb = 19, 3
	r := rand.New(rand.NewPCG(uint64(typ), uint64(n)))
	in := randomTileInput(t, r, typ, n, nb)
	var data []byte
	for range rows {
		data = append(data, randomTileRow(t, r, typ, in.Cols)...)
	}
	m, err := NewMatrix(typ, rows, in.Cols, data)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]float32, n*rows)
	if err := MatMul(pool, m, in, out); err != nil {
		t.Fatal(err)
	}
	tr := typeTraits[typ]
	for v := range n {
		for i := range rows {
			want := tr.dot(m.Row(i), new(in.operand(tr.form, v, 1)))
			if got := out[v*rows+i]; math.Float32bits(got) != math.Float32bits(want) {
				t.Fatalf("vector %d row %d: MatMul %g, alone %g", v, i, got, want)
			}
		}
	}
}
