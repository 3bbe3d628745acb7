package kernel_test

import (
	"math"
	"testing"

	"github.com/hearth-app/hearth/engine/kernel"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol*(1+math.Abs(b)) }

func TestRMSNorm(t *testing.T) {
	x := []float32{1, -2, 3, -4}
	w := []float32{1, 0.5, 2, 1}
	dst := make([]float32, 4)
	kernel.RMSNorm(dst, x, w, 1e-5)
	// mean of squares = 30/4 = 7.5
	s := 1 / math.Sqrt(7.5+1e-5)
	for i := range x {
		if want := float64(x[i]) * s * float64(w[i]); !near(float64(dst[i]), want, 1e-6) {
			t.Errorf("element %d = %g, want %g", i, dst[i], want)
		}
	}
}

func TestSoftmax(t *testing.T) {
	tests := []struct {
		name string
		x    []float32
		want []float64
	}{
		{"uniform", []float32{3, 3, 3, 3}, []float64{0.25, 0.25, 0.25, 0.25}},
		{"two", []float32{0, float32(math.Log(3))}, []float64{0.25, 0.75}},
		{"masked", []float32{1, float32(math.Inf(-1)), 1}, []float64{0.5, 0, 0.5}},
		{"large values", []float32{1000, 1000}, []float64{0.5, 0.5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kernel.Softmax(tt.x)
			for i := range tt.x {
				if !near(float64(tt.x[i]), tt.want[i], 1e-6) {
					t.Errorf("element %d = %g, want %g", i, tt.x[i], tt.want[i])
				}
			}
		})
	}
}

func TestSwiGLU(t *testing.T) {
	gate := []float32{-3, 0, 0.5, 4}
	up := []float32{2, 5, -1, 0.25}
	dst := make([]float32, 4)
	kernel.SwiGLU(dst, gate, up)
	for i := range gate {
		g := float64(gate[i])
		want := g / (1 + math.Exp(-g)) * float64(up[i])
		if !near(float64(dst[i]), want, 1e-6) {
			t.Errorf("element %d = %g, want %g", i, dst[i], want)
		}
	}
}

func TestRoundF16(t *testing.T) {
	tests := []struct {
		in, want float32
	}{
		{1, 1},
		{1 + 1.0/4096, 1},            // below half an ulp (2^-11): rounds down
		{1 + 3.0/4096, 1 + 1.0/1024}, // above: rounds up
		{65504, 65504},
		{1e6, float32(math.Inf(1))},
	}
	for _, tt := range tests {
		if got := kernel.RoundF16(tt.in); got != tt.want {
			t.Errorf("RoundF16(%g) = %g, want %g", tt.in, got, tt.want)
		}
	}
}
