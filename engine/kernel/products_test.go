package kernel_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/hearth-app/hearth/engine/kernel"
	"github.com/hearth-app/hearth/engine/quant"
)

// TestProductsEqualMatMul runs every weight type as one set of products
// over two shared inputs (so F16 and BF16 weights round the same input
// each their own way) and checks each result bit for bit against MatMul of
// that product alone, on a fresh input: sharing the threads, the rows cut
// at other places and the input converted once for several products must
// change nothing. Decoding (one vector), a batch below a tile and batches
// with leftover vectors, at every feature level.
func TestProductsEqualMatMul(t *testing.T) {
	pool := kernel.NewPool(3)
	defer pool.Close()
	const cols = 512
	eachLevel(t, func(t *testing.T) {
		for _, n := range []int{1, 3, 37} {
			t.Run(fmt.Sprint(n), func(t *testing.T) {
				r := rand.New(rand.NewPCG(uint64(n), 11))
				xs := [][]float32{randomFloats(r, n*cols, 1), randomFloats(r, n*cols, 0.3)}
				var shared [2]kernel.Input
				for i := range shared {
					shared[i].Set(xs[i], n, cols)
				}
				var set []kernel.Product
				var which []int
				for i, typ := range allTypes {
					m := randomMatrix(t, r, typ, 13+7*i, cols)
					w := i % 2
					if typ == quant.F16 || typ == quant.BF16 {
						w = 0 // one input rounded both ways
					}
					set = append(set, kernel.Product{M: m, In: &shared[w], Out: make([]float32, n*m.Rows)})
					which = append(which, w)
				}
				if err := kernel.Products(pool, set); err != nil {
					t.Fatal(err)
				}
				for i, p := range set {
					var in kernel.Input
					in.Set(xs[which[i]], n, cols)
					want := make([]float32, n*p.M.Rows)
					if err := kernel.MatMul(pool, p.M, &in, want); err != nil {
						t.Fatal(err)
					}
					for j := range want {
						if math.Float32bits(p.Out[j]) != math.Float32bits(want[j]) {
							t.Fatalf("%s: value %d is %g in the set, %g alone", allTypes[i], j, p.Out[j], want[j])
						}
					}
				}
			})
		}
	})
}

// TestProductsRefuseMismatch checks that a product whose input or output
// does not fit its matrix is refused before anything is computed.
func TestProductsRefuseMismatch(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	m := randomMatrix(t, r, quant.Q8_0, 8, 64)
	var in, wide kernel.Input
	in.Set(randomFloats(r, 64, 1), 1, 64)
	wide.Set(randomFloats(r, 96, 1), 1, 96)
	for name, ps := range map[string][]kernel.Product{
		"columns": {{M: m, In: &in, Out: make([]float32, 8)}, {M: m, In: &wide, Out: make([]float32, 8)}},
		"output":  {{M: m, In: &in, Out: make([]float32, 7)}},
	} {
		if err := kernel.Products(nil, ps); err == nil {
			t.Errorf("%s: a product that does not fit was computed", name)
		}
	}
}

// randomMatrix returns rows×cols random weights quantized to typ.
func randomMatrix(t *testing.T, r *rand.Rand, typ quant.Type, rows, cols int) kernel.Matrix {
	t.Helper()
	data, err := quant.Quantize(typ, randomFloats(r, rows*cols, 0.05))
	if err != nil {
		t.Fatal(err)
	}
	m, err := kernel.NewMatrix(typ, rows, cols, data)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
