package quant

import "encoding/binary"

// Q6_K: super-blocks of 256 elements in 16 sub-blocks of 16. Bytes: 128 bytes
// ql of low nibbles, 64 bytes qh of high 2-bit pairs, 16 signed 8-bit
// sub-block scales, fp16 d; x = d·sc·(q-32). In each half of 128 elements,
// element l+32s (s = 0..3) takes the low or high nibble of ql[l+32(s&1)] and
// bits 2s..2s+1 of qh[l].

const (
	q6KBytes  = 210
	q6KHigh   = 128
	q6KScales = 192
	q6KD      = 208
)

func dequantizeQ6_K(src []byte, dst []float32) {
	for len(dst) >= qkK {
		b := (*[q6KBytes]byte)(src)
		d := F16ToF32(binary.LittleEndian.Uint16(b[q6KD:]))
		for h := range 2 {
			ql := (*[64]byte)(b[64*h:])
			qh := (*[32]byte)(b[q6KHigh+32*h:])
			sc := (*[8]byte)(b[q6KScales+8*h:])
			y := (*[128]float32)(dst[128*h:])
			for l := range 32 {
				is := l / 16
				q1 := int8(ql[l]&0xf|qh[l]&3<<4) - 32
				q2 := int8(ql[l+32]&0xf|qh[l]>>2&3<<4) - 32
				q3 := int8(ql[l]>>4|qh[l]>>4&3<<4) - 32
				q4 := int8(ql[l+32]>>4|qh[l]>>6<<4) - 32
				y[l] = float32(d*float32(int8(sc[is]))) * float32(q1)
				y[l+32] = float32(d*float32(int8(sc[is+2]))) * float32(q2)
				y[l+64] = float32(d*float32(int8(sc[is+4]))) * float32(q3)
				y[l+96] = float32(d*float32(int8(sc[is+6]))) * float32(q4)
			}
		}
		src, dst = src[q6KBytes:], dst[qkK:]
	}
}

// quantizeQ6_K follows quantize_row_q6_K_ref.
func quantizeQ6_K(src []float32, dst []byte) {
	var levels [qkK]int8
	for len(src) >= qkK {
		x := (*[qkK]float32)(src)
		b := (*[q6KBytes]byte)(dst)
		clear(b[:])
		if q6KScales6(x, &levels, b) {
			q6KPack(&levels, b)
		}
		src, dst = src[qkK:], dst[q6KBytes:]
	}
}

// q6KScales6 fits the 16 sub-block scales, stores them and d in b and
// requantizes levels with the rounded scales. It reports false for an all-zero
// block, which stays all zero bytes.
func q6KScales6(x *[qkK]float32, levels *[qkK]int8, b *[q6KBytes]byte) bool {
	var scales [16]float32
	var maxScale, maxAbs float32
	for ib := range 16 {
		scales[ib] = fitSymmetric(32, x[16*ib:16*ib+16], levels[16*ib:])
		if a := absf(scales[ib]); a > maxAbs {
			maxAbs, maxScale = a, scales[ib]
		}
	}
	if maxAbs < groupMaxEps {
		return false
	}
	iscale := -128 / maxScale
	d16 := F32ToF16(1 / iscale)
	binary.LittleEndian.PutUint16(b[q6KD:], d16)
	for ib := range 16 {
		b[q6KScales+ib] = byte(int8(min(127, nearestInt(float32(iscale*scales[ib])))))
	}
	d0 := F16ToF32(d16)
	for j := range 16 {
		d := d0 * float32(int8(b[q6KScales+j]))
		if d == 0 {
			continue
		}
		for i := 16 * j; i < 16*j+16; i++ {
			levels[i] = int8(clamp(nearestInt(x[i]/d), -32, 31) + 32)
		}
	}
	return true
}

// q6KPack stores the 6-bit quants levels into ql and qh.
func q6KPack(levels *[qkK]int8, b *[q6KBytes]byte) {
	for h := range 2 {
		ql := (*[64]byte)(b[64*h:])
		qh := (*[32]byte)(b[q6KHigh+32*h:])
		q := (*[128]int8)(levels[128*h:])
		for l := range 32 {
			q1, q2, q3, q4 := uint8(q[l]), uint8(q[l+32]), uint8(q[l+64]), uint8(q[l+96])
			ql[l] = q1&0xf | q3<<4
			ql[l+32] = q2&0xf | q4<<4
			qh[l] = q1>>4 | q2>>4<<2 | q3>>4<<4 | q4>>4<<6
		}
	}
}
