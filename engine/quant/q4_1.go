package quant

import "encoding/binary"

// Q4_1: blocks of 32 elements, fp16 scale d and minimum m, 32 4-bit quants q
// with x = q·d + m, packed like Q4_0.

const (
	q4_1Bytes  = 20
	q4_1Quants = 4
)

func dequantizeQ4_1(src []byte, dst []float32) {
	for len(dst) >= qk {
		b := (*[q4_1Bytes]byte)(src)
		y := (*[qk]float32)(dst)
		d := F16ToF32(binary.LittleEndian.Uint16(b[0:]))
		m := F16ToF32(binary.LittleEndian.Uint16(b[2:]))
		for j := range qk / 2 {
			q := b[q4_1Quants+j]
			y[j] = float32(float32(q&0xf)*d) + m
			y[j+qk/2] = float32(float32(q>>4)*d) + m
		}
		src, dst = src[q4_1Bytes:], dst[qk:]
	}
}

// quantizeQ4_1 follows quantize_row_q4_1_ref: [min, max] is split into 15 steps.
func quantizeQ4_1(src []float32, dst []byte) {
	for len(src) >= qk {
		x := (*[qk]float32)(src)
		b := (*[q4_1Bytes]byte)(dst)
		vmin, vmax := minMax(x[:])
		d := (vmax - vmin) / 15
		id := inverse(d)
		binary.LittleEndian.PutUint16(b[0:], F32ToF16(d))
		binary.LittleEndian.PutUint16(b[2:], F32ToF16(vmin))
		for j := range qk / 2 {
			lo := nibble(float32((x[j]-vmin)*id)+0.5, 15)
			hi := nibble(float32((x[j+qk/2]-vmin)*id)+0.5, 15)
			b[q4_1Quants+j] = lo | hi<<4
		}
		src, dst = src[qk:], dst[q4_1Bytes:]
	}
}

// minMax scans x as the reference quantizers do, starting from ±FLT_MAX and
// skipping NaNs.
func minMax(x []float32) (vmin, vmax float32) {
	vmin, vmax = maxFloat32, -maxFloat32
	for _, v := range x {
		if v < vmin {
			vmin = v
		}
		if v > vmax {
			vmax = v
		}
	}
	return vmin, vmax
}

const maxFloat32 = 3.40282346638528859811704183484516925440e+38
