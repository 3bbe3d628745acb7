package kernel_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/hearth-app/hearth/engine/kernel"
	"github.com/hearth-app/hearth/engine/quant"
)

var allTypes = []quant.Type{quant.F32, quant.F16, quant.BF16, quant.Q8_0, quant.Q4_0, quant.Q4_1,
	quant.Q5_0, quant.Q5_1, quant.Q4_K, quant.Q5_K, quant.Q6_K}

// activationType is the type ggml quantizes activations to for products with
// weights of type t (its vec_dot_type).
func activationType(t quant.Type) quant.Type {
	switch t {
	case quant.F32, quant.F16, quant.BF16:
		return t
	case quant.Q4_K, quant.Q5_K, quant.Q6_K:
		return quant.Q8_K
	}
	return quant.Q8_0
}

func randomFloats(r *rand.Rand, n int, scale float64) []float32 {
	x := make([]float32, n)
	for i := range x {
		x[i] = float32(r.NormFloat64() * scale)
	}
	return x
}

// roundTrip quantizes x to t and back with the quant package (bit-exact
// with ggml), giving the values a product with type t really multiplies.
func roundTrip(t *testing.T, typ quant.Type, x []float32) []float32 {
	t.Helper()
	q, err := quant.Quantize(typ, x)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]float32, len(x))
	if err := quant.Dequantize(typ, q, out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestMatMulMatchesDequantized checks every kernel against the product of the
// dequantized weights and the dequantized activations (quant's ggml-exact
// conversions), summed in float64: they agree up to float32 rounding, which
// a wrong block layout or scale would not.
func TestMatMulMatchesDequantized(t *testing.T) {
	pool := kernel.NewPool(2)
	defer pool.Close()
	const rows, cols, batch = 37, 512, 3
	for _, typ := range allTypes {
		t.Run(typ.String(), func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(typ), 7))
			w := randomFloats(r, rows*cols, 0.05)
			data, err := quant.Quantize(typ, w)
			if err != nil {
				t.Fatal(err)
			}
			m, err := kernel.NewMatrix(typ, rows, cols, data)
			if err != nil {
				t.Fatal(err)
			}
			wd := roundTrip(t, typ, w)
			x := randomFloats(r, batch*cols, 1)
			var in kernel.Input
			in.Set(x, batch, cols)
			out := make([]float32, batch*rows)
			if err := kernel.MatMul(pool, m, &in, out); err != nil {
				t.Fatal(err)
			}
			for b := range batch {
				xd := roundTrip(t, activationType(typ), x[b*cols:(b+1)*cols])
				for i := range rows {
					var want, mag float64
					for j := range cols {
						p := float64(wd[i*cols+j]) * float64(xd[j])
						want += p
						mag += math.Abs(p)
					}
					got := float64(out[b*rows+i])
					if math.Abs(got-want) > 1e-5*mag+1e-6+q81Rounding(typ, m.Row(i), xd) {
						t.Fatalf("vector %d row %d: got %g, want %g (Σ|w·x| = %g)", b, i, got, want, mag)
					}
				}
			}
		})
	}
}

// q81Rounding bounds the extra error of Q4_1 and Q5_1 products: ggml's Q8_1
// activations carry each block's scaled sum rounded to binary16 (relative
// error 2^-11), which multiplies the weight block's minimum m.
func q81Rounding(typ quant.Type, row []byte, xd []float32) float64 {
	if typ != quant.Q4_1 && typ != quant.Q5_1 {
		return 0
	}
	l, _ := quant.LayoutOf(typ)
	var bound float64
	for b := 0; b*32 < len(xd); b++ {
		blk := row[b*l.BlockBytes:]
		m := quant.F16ToF32(uint16(blk[2]) | uint16(blk[3])<<8)
		var sum float64
		for _, v := range xd[b*32 : b*32+32] {
			sum += float64(v)
		}
		bound += math.Abs(float64(m)*sum) * 0x1p-11
	}
	return bound
}

// TestMatMulBatchEqualsSingle checks that a batch product gives each vector
// exactly what a one-vector product gives.
func TestMatMulBatchEqualsSingle(t *testing.T) {
	pool := kernel.NewPool(2)
	defer pool.Close()
	const rows, cols, batch = 20, 256, 5
	for _, typ := range allTypes {
		t.Run(typ.String(), func(t *testing.T) {
			r := rand.New(rand.NewPCG(3, uint64(typ)))
			data, _ := quant.Quantize(typ, randomFloats(r, rows*cols, 0.1))
			m, _ := kernel.NewMatrix(typ, rows, cols, data)
			x := randomFloats(r, batch*cols, 1)
			var in kernel.Input
			in.Set(x, batch, cols)
			all := make([]float32, batch*rows)
			if err := kernel.MatMul(pool, m, &in, all); err != nil {
				t.Fatal(err)
			}
			for b := range batch {
				in.Set(x[b*cols:(b+1)*cols], 1, cols)
				one := make([]float32, rows)
				if err := kernel.MatMul(pool, m, &in, one); err != nil {
					t.Fatal(err)
				}
				for i := range one {
					if one[i] != all[b*rows+i] {
						t.Fatalf("vector %d row %d: alone %g, in batch %g", b, i, one[i], all[b*rows+i])
					}
				}
			}
		})
	}
}

func TestNewMatrixRefusesBadShapes(t *testing.T) {
	tests := []struct {
		name       string
		typ        quant.Type
		rows, cols int
		size       int
	}{
		{"short data", quant.F32, 2, 4, 31},
		{"cols not whole blocks", quant.Q4_K, 1, 128, 72},
		{"unsupported type", quant.Q2_K, 1, 256, 84},
		{"zero rows", quant.F32, 0, 4, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := kernel.NewMatrix(tt.typ, tt.rows, tt.cols, make([]byte, tt.size)); err == nil {
				t.Error("accepted")
			}
		})
	}
}

func TestPoolCoversEveryIndexOnce(t *testing.T) {
	for _, threads := range []int{1, 2, 3, 8} {
		pool := kernel.NewPool(threads)
		for _, n := range []int{0, 1, 7, 64, 1000, 4097} {
			for _, grain := range []int{1, 16, 5000} {
				t.Run(fmt.Sprintf("threads=%d/n=%d/grain=%d", threads, n, grain), func(t *testing.T) {
					hits := make([]int32, n)
					pool.For(n, grain, func(lo, hi int) {
						for i := lo; i < hi; i++ {
							hits[i]++
						}
					})
					for i, h := range hits {
						if h != 1 {
							t.Fatalf("index %d visited %d times", i, h)
						}
					}
				})
			}
		}
		pool.Close()
	}
}
