package quant

import "encoding/binary"

// Q5_0: blocks of 32 elements, an fp16 scale d, a 32-bit mask qh of the fifth
// bits and 32 low nibbles; x = (q-16)·d. Element j's fifth bit is bit j of qh.

const (
	q5_0Bytes  = 22
	q5_0Quants = 6
)

func dequantizeQ5_0(src []byte, dst []float32) {
	for len(dst) >= qk {
		b := (*[q5_0Bytes]byte)(src)
		y := (*[qk]float32)(dst)
		d := F16ToF32(binary.LittleEndian.Uint16(b[0:]))
		qh := binary.LittleEndian.Uint32(b[2:])
		for j := range qk / 2 {
			q := b[q5_0Quants+j]
			lo := int32(q&0xf) | int32(qh>>j<<4&0x10)
			hi := int32(q>>4) | int32(qh>>(j+12)&0x10)
			y[j] = float32(lo-16) * d
			y[j+qk/2] = float32(hi-16) * d
		}
		src, dst = src[q5_0Bytes:], dst[qk:]
	}
}

// quantizeQ5_0 follows quantize_row_q5_0_ref: the value of largest magnitude
// maps to -16.
func quantizeQ5_0(src []float32, dst []byte) {
	for len(src) >= qk {
		x := (*[qk]float32)(src)
		b := (*[q5_0Bytes]byte)(dst)
		var amax, vmax float32
		for _, v := range x {
			if amax < absf(v) {
				amax, vmax = absf(v), v
			}
		}
		d := vmax / -16
		id := inverse(d)
		binary.LittleEndian.PutUint16(b[0:], F32ToF16(d))
		var qh uint32
		for j := range qk / 2 {
			lo := nibble(float32(x[j]*id)+16.5, 31)
			hi := nibble(float32(x[j+qk/2]*id)+16.5, 31)
			b[q5_0Quants+j] = lo&0xf | hi<<4
			qh |= uint32(lo&0x10)>>4<<j | uint32(hi&0x10)>>4<<(j+qk/2)
		}
		binary.LittleEndian.PutUint32(b[2:], qh)
		src, dst = src[qk:], dst[q5_0Bytes:]
	}
}
