package quant

import "encoding/binary"

// Q4_K: super-blocks of 256 elements in 8 sub-blocks of 32. Bytes: fp16 d,
// fp16 dmin, 12 bytes of 6-bit sub-block scales and mins, 128 bytes of 4-bit
// quants; x = d·sc·q - dmin·m. Sub-blocks 2k and 2k+1 share quant bytes
// 32k..32k+31, low nibbles then high nibbles.

const (
	q4KBytes  = 144
	q4KScales = 4
	q4KQuants = 16
)

func dequantizeQ4_K(src []byte, dst []float32) {
	for len(dst) >= qkK {
		b := (*[q4KBytes]byte)(src)
		y := (*[qkK]float32)(dst)
		d := F16ToF32(binary.LittleEndian.Uint16(b[0:]))
		dmin := F16ToF32(binary.LittleEndian.Uint16(b[2:]))
		scales := (*[kScaleBytes]byte)(b[q4KScales:])
		for k := range 4 {
			q := (*[32]byte)(b[q4KQuants+32*k:])
			sc, m := scaleMinK4(2*k, scales)
			d1, m1 := float32(d*float32(sc)), float32(dmin*float32(m))
			sc, m = scaleMinK4(2*k+1, scales)
			d2, m2 := float32(d*float32(sc)), float32(dmin*float32(m))
			lo := (*[32]float32)(y[64*k:])
			hi := (*[32]float32)(y[64*k+32:])
			for l := range 32 {
				lo[l] = float32(d1*float32(q[l]&0xf)) - m1
				hi[l] = float32(d2*float32(q[l]>>4)) - m2
			}
		}
		src, dst = src[q4KBytes:], dst[qkK:]
	}
}

// quantizeQ4_K follows quantize_row_q4_K_ref.
func quantizeQ4_K(src []float32, dst []byte) {
	var fit kFit
	var levels [qkK]uint8
	for len(src) >= qkK {
		x := (*[qkK]float32)(src)
		b := (*[q4KBytes]byte)(dst)
		scales := (*[kScaleBytes]byte)(b[q4KScales:])
		d, dmin := fitSubBlocks(&fit, x, &levels, scales, 15, -1, 0.1, 20)
		binary.LittleEndian.PutUint16(b[0:], d)
		binary.LittleEndian.PutUint16(b[2:], dmin)
		requantizeK(x, &levels, d, dmin, scales, 15)
		for k := range 4 {
			q := (*[32]byte)(b[q4KQuants+32*k:])
			for l := range 32 {
				q[l] = levels[64*k+l] | levels[64*k+32+l]<<4
			}
		}
		src, dst = src[qkK:], dst[q4KBytes:]
	}
}

// fitSubBlocks fits a scale and minimum to each of the 8 sub-blocks of x,
// quantizes those to 6 bits into scales and returns the fp16 super-block
// scales d and dmin. It is the first half of quantize_row_q4_K_ref and
// quantize_row_q5_K_ref.
func fitSubBlocks(fit *kFit, x *[qkK]float32, levels *[qkK]uint8, scales *[kScaleBytes]byte,
	nmax int32, rmin, rdelta float32, nstep int) (d, dmin uint16) {
	var sc, mins [8]float32
	var maxScale, maxMin float32
	for j := range 8 {
		sub := x[32*j : 32*j+32]
		var sumX2 float32
		for _, v := range sub {
			sumX2 += float32(v * v)
		}
		avX := sqrtf(sumX2 / 32)
		for l, v := range sub {
			fit.weights[l] = avX + absf(v)
		}
		sc[j], mins[j] = fit.fitAffine(nmax, sub, levels[32*j:], rmin, rdelta, nstep, false)
		if sc[j] > maxScale {
			maxScale = sc[j]
		}
		if mins[j] > maxMin {
			maxMin = mins[j]
		}
	}
	var ls, lm [8]uint8
	invScale, invMin := positiveInverse(63, maxScale), positiveInverse(63, maxMin)
	for j := range 8 {
		ls[j] = min(63, uint8(nearestInt(float32(invScale*sc[j]))))
		lm[j] = min(63, uint8(nearestInt(float32(invMin*mins[j]))))
	}
	clear(scales[:])
	putScaleMinK4(scales, &ls, &lm)
	return F32ToF16(maxScale / 63), F32ToF16(maxMin / 63)
}

// positiveInverse is C's `v > 0 ? n/v : 0.f`.
func positiveInverse(n, v float32) float32 {
	if v > 0 {
		return n / v
	}
	return 0
}

// requantizeK recomputes the quants of each sub-block from the rounded
// super-block and sub-block scales, leaving sub-blocks whose scale rounds to
// zero as the fit left them.
func requantizeK(x *[qkK]float32, levels *[qkK]uint8, d16, dmin16 uint16, scales *[kScaleBytes]byte, nmax int32) {
	d0, dmin0 := F16ToF32(d16), F16ToF32(dmin16)
	for j := range 8 {
		sc, m := scaleMinK4(j, scales)
		d := float32(d0 * float32(sc))
		if d == 0 {
			continue
		}
		dm := float32(dmin0 * float32(m))
		for i := 32 * j; i < 32*j+32; i++ {
			levels[i] = uint8(clamp(nearestInt((x[i]+dm)/d), 0, nmax))
		}
	}
}
