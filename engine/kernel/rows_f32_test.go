package kernel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestAxpyRowsEqualsAxpy checks AxpyRows against Axpy row by row, bit for
// bit, at every feature level, for widths with and without remainders
// after the multiples of 32 and 8 and for strides wider than a row.
func TestAxpyRowsEqualsAxpy(t *testing.T) {
	for _, c := range []struct{ rows, m, stride int }{{1, 3, 3}, {32, 250, 250}, {7, 8, 11}, {32, 40, 40}, {5, 67, 70}, {12, 256, 300}} {
		t.Run(fmt.Sprintf("rows=%d/m=%d/stride=%d", c.rows, c.m, c.stride), func(t *testing.T) {
			forEachLevel(t, func(t *testing.T) {
				r := rand.New(rand.NewPCG(uint64(c.rows), uint64(c.m)))
				x := randomFloats(r, (c.rows-1)*c.stride+c.m)
				w := randomFloats(r, c.rows)
				got := randomFloats(r, c.m)
				want := append([]float32(nil), got...)
				AxpyRows(got, w, x, c.stride)
				for j, a := range w {
					Axpy(want, a, x[j*c.stride:j*c.stride+c.m])
				}
				for i := range want {
					if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
						t.Fatalf("element %d: rows at once %g, one by one %g", i, got[i], want[i])
					}
				}
			})
		})
	}
}

// TestDotRowsEqualsDot checks DotRows against Dot row by row, bit for bit,
// at every feature level, for odd and even row counts and widths with and
// without remainders after the multiples of 32 and 8.
func TestDotRowsEqualsDot(t *testing.T) {
	for _, c := range []struct{ rows, m, stride int }{{1, 3, 3}, {32, 250, 250}, {7, 8, 11}, {32, 40, 40}, {5, 67, 70}, {12, 256, 300}, {2, 33, 33}} {
		t.Run(fmt.Sprintf("rows=%d/m=%d/stride=%d", c.rows, c.m, c.stride), func(t *testing.T) {
			forEachLevel(t, func(t *testing.T) {
				r := rand.New(rand.NewPCG(uint64(c.rows), uint64(c.m)))
				rows := randomFloats(r, (c.rows-1)*c.stride+c.m)
				x := randomFloats(r, c.m)
				got := make([]float32, c.rows)
				DotRows(got, x, rows, c.stride)
				for j := range got {
					want := Dot(x, rows[j*c.stride:j*c.stride+c.m])
					if math.Float32bits(got[j]) != math.Float32bits(want) {
						t.Fatalf("row %d: two at a time %g, alone %g", j, got[j], want)
					}
				}
			})
		})
	}
}
