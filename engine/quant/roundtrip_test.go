package quant_test

import (
	"math"
	"testing"

	"github.com/hearth-app/hearth/engine/quant"
)

// maxRelRMSE bounds the round-trip error of each type: RMS(x - dequantized)
// over RMS(x). The bounds come from the formats, not from measurement: a
// uniform quantizer with step Δ has RMS error Δ/√12, and Δ is the block's
// range over the number of levels (e.g. Q4_0: ~2.3σ/8 per 32 gaussian values,
// so ~0.08); each bound leaves about 50% headroom.
var maxRelRMSE = map[quant.Type]float64{
	quant.F32:  0,
	quant.F16:  3e-4, // 11-bit significand
	quant.BF16: 3e-3, // 8-bit significand
	quant.Q8_0: 0.01,
	quant.Q8_K: 0.01,
	quant.Q6_K: 0.03,
	quant.Q5_0: 0.06,
	quant.Q5_1: 0.06,
	quant.Q5_K: 0.06,
	quant.Q4_0: 0.12,
	quant.Q4_1: 0.12,
	quant.Q4_K: 0.12,
}

// TestRoundTripError checks Dequantize(Quantize(x)) stays within the bound of
// each type on ordinary data.
func TestRoundTripError(t *testing.T) {
	names := map[string]bool{"gaussian": true, "uniform": true, "weights": true, "negative": true, "positive": true}
	for _, typ := range supported {
		for _, ds := range datasets {
			if !names[ds.name] {
				continue
			}
			t.Run(typ.String()+"/"+ds.name, func(t *testing.T) {
				x := ds.gen(newRand(ds.name), 64*256)
				rel := relRMSE(t, typ, x)
				if rel > maxRelRMSE[typ] {
					t.Errorf("relative RMSE %.5f, bound %.5f", rel, maxRelRMSE[typ])
				}
				t.Logf("relative RMSE %.5f", rel)
			})
		}
	}
}

func relRMSE(t *testing.T, typ quant.Type, x []float32) float64 {
	t.Helper()
	q, err := quant.Quantize(typ, x)
	if err != nil {
		t.Fatal(err)
	}
	y := make([]float32, len(x))
	if err := quant.Dequantize(typ, q, y); err != nil {
		t.Fatal(err)
	}
	var se, ss float64
	for i := range x {
		d := float64(x[i]) - float64(y[i])
		se += d * d
		ss += float64(x[i]) * float64(x[i])
	}
	return math.Sqrt(se / ss)
}
