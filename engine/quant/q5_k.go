package quant

import "encoding/binary"

// Q5_K: super-blocks of 256 elements in 8 sub-blocks of 32. Bytes: fp16 d,
// fp16 dmin, 12 bytes of 6-bit scales and mins (as Q4_K), 32 bytes qh of fifth
// bits, 128 bytes of low nibbles (as Q4_K); x = d·sc·q - dmin·m. The fifth bit
// of sub-block s, element l, is bit s of qh[l].

const (
	q5KBytes  = 176
	q5KScales = 4
	q5KHigh   = 16
	q5KQuants = 48
)

func dequantizeQ5_K(src []byte, dst []float32) {
	for len(dst) >= qkK {
		b := (*[q5KBytes]byte)(src)
		y := (*[qkK]float32)(dst)
		d := F16ToF32(binary.LittleEndian.Uint16(b[0:]))
		dmin := F16ToF32(binary.LittleEndian.Uint16(b[2:]))
		scales := (*[kScaleBytes]byte)(b[q5KScales:])
		qh := (*[32]byte)(b[q5KHigh:])
		for k := range 4 {
			q := (*[32]byte)(b[q5KQuants+32*k:])
			sc, m := scaleMinK4(2*k, scales)
			d1, m1 := float32(d*float32(sc)), float32(dmin*float32(m))
			sc, m = scaleMinK4(2*k+1, scales)
			d2, m2 := float32(d*float32(sc)), float32(dmin*float32(m))
			lo := (*[32]float32)(y[64*k:])
			hi := (*[32]float32)(y[64*k+32:])
			for l := range 32 {
				h := qh[l] >> (2 * k)
				lo[l] = float32(d1*float32(q[l]&0xf|h&1<<4)) - m1
				hi[l] = float32(d2*float32(q[l]>>4|h&2<<3)) - m2
			}
		}
		src, dst = src[q5KBytes:], dst[qkK:]
	}
}

// quantizeQ5_K follows quantize_row_q5_K_ref.
func quantizeQ5_K(src []float32, dst []byte) {
	var fit kFit
	var levels [qkK]uint8
	for len(src) >= qkK {
		x := (*[qkK]float32)(src)
		b := (*[q5KBytes]byte)(dst)
		scales := (*[kScaleBytes]byte)(b[q5KScales:])
		d, dmin := fitSubBlocks(&fit, x, &levels, scales, 31, -0.5, 0.1, 15)
		binary.LittleEndian.PutUint16(b[0:], d)
		binary.LittleEndian.PutUint16(b[2:], dmin)
		requantizeK(x, &levels, d, dmin, scales, 31)
		qh := (*[32]byte)(b[q5KHigh:])
		clear(qh[:])
		for k := range 4 {
			q := (*[32]byte)(b[q5KQuants+32*k:])
			for l := range 32 {
				lo, hi := levels[64*k+l], levels[64*k+32+l]
				qh[l] |= lo>>4<<(2*k) | hi>>4<<(2*k+1)
				q[l] = lo&0xf | hi<<4
			}
		}
		src, dst = src[qkK:], dst[q5KBytes:]
	}
}
