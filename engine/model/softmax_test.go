package model

import (
	"math"
	"testing"

	"github.com/hearth-app/hearth/engine/kernel"
)

// TestExpf compares expf with math.Exp over the range softmax uses (and
// past its ends), to within two float32 units in the last place.
func TestExpf(t *testing.T) {
	for x := float32(-90); x <= 89; x += 0.00731 {
		got, want := expf(x), float32(math.Exp(float64(x)))
		if want < 1.2e-38 { // subnormal results are flushed to zero
			if got != 0 && math.Abs(float64(got-want)) > 1e-38 {
				t.Fatalf("expf(%g) = %g, want %g", x, got, want)
			}
			continue
		}
		if ulps := math.Abs(float64(got-want)) / float64(math.Nextafter32(want, float32(math.Inf(1)))-want); ulps > 2 {
			t.Fatalf("expf(%g) = %g, want %g (%.1f ulps)", x, got, want, ulps)
		}
	}
	if expf(float32(math.Inf(-1))) != 0 {
		t.Errorf("expf(-Inf) != 0")
	}
}

// TestExpNonPos compares the inlined exponential of softmax with math.Exp.
func TestExpNonPos(t *testing.T) {
	for x := float32(-90); x <= 0; x += 0.00317 {
		got, want := expNonPos(x), float32(math.Exp(float64(x)))
		if want < 1.2e-38 {
			if got > 1.2e-38 {
				t.Fatalf("expNonPos(%g) = %g, want %g", x, got, want)
			}
			continue
		}
		if ulps := math.Abs(float64(got-want)) / float64(math.Nextafter32(want, float32(math.Inf(1)))-want); ulps > 2 {
			t.Fatalf("expNonPos(%g) = %g, want %g (%.1f ulps)", x, got, want, ulps)
		}
	}
	if expNonPos(float32(math.Inf(-1))) != 0 || expNonPos(0) != 1 {
		t.Errorf("expNonPos(-Inf) = %g, expNonPos(0) = %g", expNonPos(float32(math.Inf(-1))), expNonPos(0))
	}
}

// TestSwiglu compares swiglu with silu computed with math.Exp.
func TestSwiglu(t *testing.T) {
	var gate, up []float32
	for x := float32(-100); x <= 100; x += 0.0137 {
		gate, up = append(gate, x), append(up, 1.5)
	}
	got := make([]float32, len(gate))
	swiglu(got, gate, up)
	for i, g := range gate {
		want := float64(g) / (1 + math.Exp(-float64(g))) * 1.5
		if d := math.Abs(float64(got[i]) - want); d > 4e-7*math.Abs(want)+1e-30 {
			t.Fatalf("swiglu(%g) = %g, want %g", g, got[i], want)
		}
	}
}

// TestExpShiftIsExpNonPos checks that kernel.ExpShift, which softmax uses,
// gives expNonPos(x-m) bit for bit over the range softmax uses.
func TestExpShiftIsExpNonPos(t *testing.T) {
	var x []float32
	for v := float32(-90); v <= 0; v += 0.00317 {
		x = append(x, v)
	}
	x = append(x, float32(math.Inf(-1)), 0, -87.33654)
	const m = 2.25
	got := make([]float32, len(x))
	for i, v := range x {
		got[i] = v + m
	}
	kernel.ExpShift(got, m)
	for i, v := range got {
		if want := expNonPos((x[i] + m) - m); math.Float32bits(v) != math.Float32bits(want) {
			t.Fatalf("x = %g: ExpShift %g, expNonPos %g", x[i], v, want)
		}
	}
}
