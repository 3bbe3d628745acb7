package quant

import "encoding/binary"

// Q4_0: blocks of 32 elements, an fp16 scale d and 32 4-bit quants q with
// x = (q-8)·d. Element j sits in the low nibble of byte j, element j+16 in its
// high nibble.

const (
	qk         = 32 // elements per block of the 32-element formats
	q4_0Bytes  = 18
	q4_0Quants = 2
)

func dequantizeQ4_0(src []byte, dst []float32) {
	for len(dst) >= qk {
		b := (*[q4_0Bytes]byte)(src)
		y := (*[qk]float32)(dst)
		d := F16ToF32(binary.LittleEndian.Uint16(b[0:]))
		for j := range qk / 2 {
			q := b[q4_0Quants+j]
			y[j] = float32(int32(q&0xf)-8) * d
			y[j+qk/2] = float32(int32(q>>4)-8) * d
		}
		src, dst = src[q4_0Bytes:], dst[qk:]
	}
}

// quantizeQ4_0 follows quantize_row_q4_0_ref: the value of largest magnitude
// maps to -8.
func quantizeQ4_0(src []float32, dst []byte) {
	for len(src) >= qk {
		x := (*[qk]float32)(src)
		b := (*[q4_0Bytes]byte)(dst)
		var amax, vmax float32
		for _, v := range x {
			if amax < absf(v) {
				amax, vmax = absf(v), v
			}
		}
		d := vmax / -8
		id := inverse(d)
		binary.LittleEndian.PutUint16(b[0:], F32ToF16(d))
		for j := range qk / 2 {
			lo := nibble(float32(x[j]*id)+8.5, 15)
			hi := nibble(float32(x[j+qk/2]*id)+8.5, 15)
			b[q4_0Quants+j] = lo | hi<<4
		}
		src, dst = src[qk:], dst[q4_0Bytes:]
	}
}

// inverse is C's `d ? 1.0f/d : 0.0f`.
func inverse(d float32) float32 {
	if d != 0 {
		return 1 / d
	}
	return 0
}

// nibble is C's (uint8_t)MIN(limit, (int8_t)f): truncation to int8, then a
// signed comparison with limit.
func nibble(f float32, limit int8) uint8 {
	return uint8(min(limit, truncInt8(f)))
}
