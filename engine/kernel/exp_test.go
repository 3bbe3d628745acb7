package kernel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestExpShiftSameAtEveryLevel checks ExpShift against expShiftOne value by
// value, bit for bit, at every feature level, on arguments across
// float32's range of e^x (and below it, and -Inf), with remainders after
// the multiples of 8; and expShiftOne against math.Exp to within 2 units in
// the last place.
func TestExpShiftSameAtEveryLevel(t *testing.T) {
	for _, n := range []int{5, 8, 250, 1001} {
		t.Run(fmt.Sprintf("n=%d", n), func(t *testing.T) {
			forEachLevel(t, func(t *testing.T) {
				r := rand.New(rand.NewPCG(9, uint64(n)))
				x := make([]float32, n)
				for i := range x {
					x[i] = float32(-100 * r.Float64() * r.Float64())
				}
				special := []float32{0, -87.33654, math.Nextafter32(-87.33654, 0), -87.4, float32(math.Inf(-1)), -1e-30, -0.5, -88}
				copy(x, special[:min(len(special), n)])
				const m = 1.5
				got := make([]float32, n)
				for i, v := range x {
					got[i] = v + m
				}
				ExpShift(got, m)
				for i, v := range x {
					arg := (v + m) - m
					want := expShiftOne(arg)
					if math.Float32bits(got[i]) != math.Float32bits(want) {
						t.Fatalf("x = %g: got %g, want %g", arg, got[i], want)
					}
					exact := math.Exp(float64(arg))
					if arg >= -87.33654 && math.Abs(float64(want)-exact) > 2*exact*0x1p-23 {
						t.Errorf("e^%g = %g, math.Exp %g", arg, want, exact)
					}
				}
			})
		})
	}
}
