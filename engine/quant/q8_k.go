package quant

import (
	"encoding/binary"
	"math"
)

// Q8_K: super-blocks of 256 elements: a float32 scale d, 256 signed 8-bit
// quants and 16 int16 sums of each group of 16 quants; x = d·q. It is the
// activation format of the K-quant dot products, never stored in files.

const (
	q8KBytes  = 292
	q8KQuants = 4
	q8KSums   = 260
)

func dequantizeQ8_K(src []byte, dst []float32) {
	for len(dst) >= qkK {
		b := (*[q8KBytes]byte)(src)
		y := (*[qkK]float32)(dst)
		d := math.Float32frombits(binary.LittleEndian.Uint32(b[0:]))
		for j := range qkK {
			y[j] = d * float32(int8(b[q8KQuants+j]))
		}
		src, dst = src[q8KBytes:], dst[qkK:]
	}
}

// quantizeQ8_K follows quantize_row_q8_K_ref: the largest magnitude maps to
// -127·sign. An all-zero block is all zero bytes (the reference leaves its
// sums unwritten).
func quantizeQ8_K(src []float32, dst []byte) {
	for len(src) >= qkK {
		x := (*[qkK]float32)(src)
		b := (*[q8KBytes]byte)(dst)
		clear(b[:])
		var amax, vmax float32
		for _, v := range x {
			if a := absf(v); a > amax {
				amax, vmax = a, v
			}
		}
		if amax != 0 {
			iscale := -127 / vmax
			for j, v := range x {
				b[q8KQuants+j] = byte(int8(min(127, nearestInt(float32(iscale*v)))))
			}
			for g := range 16 {
				var sum int32
				for _, q := range b[q8KQuants+16*g : q8KQuants+16*g+16] {
					sum += int32(int8(q))
				}
				binary.LittleEndian.PutUint16(b[q8KSums+2*g:], uint16(int16(sum)))
			}
			binary.LittleEndian.PutUint32(b[0:], math.Float32bits(1/iscale))
		}
		src, dst = src[qkK:], dst[q8KBytes:]
	}
}
