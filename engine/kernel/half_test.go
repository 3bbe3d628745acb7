package kernel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestRoundF16sMatchesRoundF16 checks the batched roundings to binary16
// against RoundF16 and ToF16 value by value, bit for bit, at every feature level, on
// random values of every magnitude (subnormal halves, overflow to
// infinity, ties) and on lengths with a remainder after the multiples of 8.
func TestRoundF16sMatchesRoundF16(t *testing.T) {
	special := []float32{0, float32(math.Copysign(0, -1)), 65504, 65520, -65520, 1e9, float32(math.Inf(1)), float32(math.Inf(-1)),
		math.Float32frombits(0x33000000), math.Float32frombits(0x33000001), 1 + 1.0/2048, 1 + 3.0/2048, 6.1e-5, -3e-8}
	for _, n := range []int{3, 8, 29, 1000} {
		t.Run(fmt.Sprintf("n=%d", n), func(t *testing.T) {
			forEachLevel(t, func(t *testing.T) {
				r := rand.New(rand.NewPCG(7, uint64(n)))
				src := make([]float32, n)
				for i := range src {
					switch {
					case i < len(special) && n > len(special):
						src[i] = special[i]
					default:
						src[i] = math.Float32frombits(r.Uint32()&^(0xff<<23) | uint32(100+r.IntN(50))<<23)
					}
				}
				dst := make([]float32, n)
				roundF16s(dst, src)
				bits := make([]uint16, n)
				ToF16s(bits, src)
				for i, v := range src {
					if want := RoundF16(v); math.Float32bits(dst[i]) != math.Float32bits(want) {
						t.Fatalf("value %d (%g, bits %#x): got %g, want %g", i, v, math.Float32bits(v), dst[i], want)
					}
					if want := ToF16(v); bits[i] != want {
						t.Fatalf("value %d (%g, bits %#x): ToF16s %#x, ToF16 %#x", i, v, math.Float32bits(v), bits[i], want)
					}
				}
			})
		})
	}
}
