package quant

import "encoding/binary"

// Q8_0: blocks of 32 elements, an fp16 scale d and 32 signed 8-bit quants q
// with x = q·d.

const q8_0Bytes = 34

func dequantizeQ8_0(src []byte, dst []float32) {
	for len(dst) >= qk {
		b := (*[q8_0Bytes]byte)(src)
		y := (*[qk]float32)(dst)
		d := F16ToF32(binary.LittleEndian.Uint16(b[0:]))
		for j := range qk {
			y[j] = float32(int8(b[2+j])) * d
		}
		src, dst = src[q8_0Bytes:], dst[qk:]
	}
}

// quantizeQ8_0 follows quantize_row_q8_0_ref: the largest magnitude maps to
// ±127 and each quant is roundf(x/d).
func quantizeQ8_0(src []float32, dst []byte) {
	for len(src) >= qk {
		x := (*[qk]float32)(src)
		b := (*[q8_0Bytes]byte)(dst)
		var amax float32
		for _, v := range x {
			amax = cmax(amax, absf(v))
		}
		d := amax / 127
		id := inverse(d)
		binary.LittleEndian.PutUint16(b[0:], F32ToF16(d))
		for j, v := range x {
			b[2+j] = byte(truncInt8(roundf(v * id)))
		}
		src, dst = src[qk:], dst[q8_0Bytes:]
	}
}
