package kernel

import (
	"math"

	"github.com/hearth-app/hearth/engine/quant"
)

// f16Table maps every binary16 bit pattern to its float32 value; a table
// lookup is several times faster than converting bit by bit in plain Go. It
// is computed once and never written afterwards.
var f16Table = func() *[1 << 16]float32 {
	var t [1 << 16]float32
	for i := range t {
		t[i] = quant.F16ToF32(uint16(i))
	}
	return &t
}()

// FromF16 returns the float32 value of the binary16 bits h.
func FromF16(h uint16) float32 { return f16Table[h] }

// ToF16 rounds f to binary16 (nearest even) and returns its bits.
func ToF16(f float32) uint16 { return quant.F32ToF16(f) }

// RoundF16 rounds f to the nearest binary16 value, as storing it in an F16
// tensor and reading it back would.
func RoundF16(f float32) float32 { return f16Table[quant.F32ToF16(f)] }

// fromBF16 returns the float32 value of the bfloat16 bits h.
func fromBF16(h uint16) float32 { return math.Float32frombits(uint32(h) << 16) }

// roundBF16 rounds f to the nearest bfloat16 value.
func roundBF16(f float32) float32 { return fromBF16(quant.F32ToBF16(f)) }

// le16 reads a little-endian uint16 at b[0:2].
func le16(b []byte) uint16 { return uint16(b[0]) | uint16(b[1])<<8 }

// f16At reads the binary16 value at b[0:2] as float32.
func f16At(b []byte) float32 { return f16Table[le16(b)] }
