package kernel

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestQuantizeQ8SameAtEveryLevel checks that quantizing activations to Q8
// blocks gives the same values, scales and sums bit for bit at every
// feature level as in plain Go, on random blocks, an all-zero block, blocks
// with a single nonzero value and with values of every magnitude.
func TestQuantizeQ8SameAtEveryLevel(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 0))
	const nb = 40
	x := randomFloats(r, nb*32)
	clear(x[32:64])
	x[64+5] = -3
	for i := 96; i < 128; i++ {
		x[i] = math.Float32frombits(r.Uint32()&^(0xff<<23) | uint32(90+r.IntN(70))<<23)
	}
	for i := 128; i < 160; i++ {
		x[i] = float32(r.IntN(255)-127) / 2 // many ties at 127/amax = 1
	}
	x[130] = 127 // 127/amax = 1: the halves are ties
	quantize := func(f Features) Input {
		prev := UseSIMD(f)
		defer UseSIMD(prev)
		var in Input
		in.Set(x, nb, 32)
		in.prepare(formQ8)
		return in
	}
	want := quantize(Features{})
	for _, f := range featureLevels() {
		t.Run(f.String(), func(t *testing.T) {
			got := quantize(f)
			if !slices.Equal(got.q8, want.q8) {
				t.Errorf("values differ from plain Go")
			}
			for b := range nb {
				if math.Float32bits(got.d8[b]) != math.Float32bits(want.d8[b]) || math.Float32bits(got.s8[b]) != math.Float32bits(want.s8[b]) {
					t.Errorf("block %d: d %g s %g, plain Go d %g s %g", b, got.d8[b], got.s8[b], want.d8[b], want.s8[b])
				}
			}
		})
	}
}
