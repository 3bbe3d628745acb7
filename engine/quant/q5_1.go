package quant

import "encoding/binary"

// Q5_1: blocks of 32 elements, fp16 scale d and minimum m, the fifth-bit mask
// qh and 32 low nibbles, packed like Q5_0; x = q·d + m.

const (
	q5_1Bytes  = 24
	q5_1Quants = 8
)

func dequantizeQ5_1(src []byte, dst []float32) {
	for len(dst) >= qk {
		b := (*[q5_1Bytes]byte)(src)
		y := (*[qk]float32)(dst)
		d := F16ToF32(binary.LittleEndian.Uint16(b[0:]))
		m := F16ToF32(binary.LittleEndian.Uint16(b[2:]))
		qh := binary.LittleEndian.Uint32(b[4:])
		for j := range qk / 2 {
			q := b[q5_1Quants+j]
			lo := uint32(q&0xf) | qh>>j<<4&0x10
			hi := uint32(q>>4) | qh>>(j+12)&0x10
			y[j] = float32(float32(lo)*d) + m
			y[j+qk/2] = float32(float32(hi)*d) + m
		}
		src, dst = src[q5_1Bytes:], dst[qk:]
	}
}

// quantizeQ5_1 follows quantize_row_q5_1_ref: [min, max] is split into 31
// steps. The reference does not clamp the quants, so neither does this.
func quantizeQ5_1(src []float32, dst []byte) {
	for len(src) >= qk {
		x := (*[qk]float32)(src)
		b := (*[q5_1Bytes]byte)(dst)
		vmin, vmax := minMax(x[:])
		d := (vmax - vmin) / 31
		id := inverse(d)
		binary.LittleEndian.PutUint16(b[0:], F32ToF16(d))
		binary.LittleEndian.PutUint16(b[2:], F32ToF16(vmin))
		var qh uint32
		for j := range qk / 2 {
			lo := uint8(truncInt32(float32((x[j]-vmin)*id) + 0.5))
			hi := uint8(truncInt32(float32((x[j+qk/2]-vmin)*id) + 0.5))
			b[q5_1Quants+j] = lo&0xf | hi<<4
			qh |= uint32(lo&0x10)>>4<<j | uint32(hi&0x10)>>4<<(j+qk/2)
		}
		binary.LittleEndian.PutUint32(b[4:], qh)
		src, dst = src[qk:], dst[q5_1Bytes:]
	}
}
