package kernel

// Products of one row of a K-quant type (super-blocks of 256 elements) with
// activations quantized to Q8_K (q: values, d: scales, bs: sums of each 16
// values). Sub-block products are exact integers; the minimums of Q4_K and
// Q5_K come in through the activation sums. These are the plain-Go kernels;
// dotQ4_K, dotQ5_K and dotQ6_K pick a SIMD version when the CPU has one.

// scaleMin returns the 6-bit scale and min of sub-block j of a Q4_K or Q5_K
// super-block from its 12 packed scale bytes.
func scaleMin(j int, s []byte) (int, int) {
	if j < 4 {
		return int(s[j] & 63), int(s[j+4] & 63)
	}
	return int(s[j+4]&15 | s[j-4]>>6<<4), int(s[j+4]>>4 | s[j]>>6<<4)
}

// kMins returns Σ min_j·(activation sum of sub-block j) for a Q4_K or Q5_K
// super-block.
func kMins(scales []byte, bs []int16) int {
	mins := 0
	for j := range 8 {
		_, m := scaleMin(j, scales)
		mins += m * (int(bs[2*j]) + int(bs[2*j+1]))
	}
	return mins
}

// dotQ4_KGeneric multiplies a Q4_K row: d, dmin f16, 12 scale bytes, 128 bytes of
// nibbles (each 32 bytes hold two sub-blocks: low nibbles, then high).
func dotQ4_KGeneric(row []byte, q []int8, d []float32, bs []int16) float32 {
	var acc float32
	for b := range d {
		blk := (*[144]byte)(row[b*144:])
		x := (*[256]int8)(q[b*256:])
		scales := blk[4:16]
		sumi := 0
		for j := range 4 {
			lo, hi := nibbleDot((*[32]byte)(blk[16+32*j:]), (*[32]int8)(x[64*j:]), (*[32]int8)(x[64*j+32:]))
			sl, _ := scaleMin(2*j, scales)
			sh, _ := scaleMin(2*j+1, scales)
			sumi += sl*lo + sh*hi
		}
		mins := kMins(scales, bs[b*16:b*16+16])
		acc += d[b] * (f16At(blk[:])*float32(sumi) - f16At(blk[2:])*float32(mins))
	}
	return acc
}

// nibbleDot returns Σ low nibble·xl and Σ high nibble·xh over 32 bytes.
func nibbleDot(qs *[32]byte, xl, xh *[32]int8) (lo, hi int) {
	var l0, l1, h0, h1 int32
	for l := 0; l < 32; l += 2 {
		a, b := qs[l], qs[l+1]
		l0 += int32(a&15) * int32(xl[l])
		l1 += int32(b&15) * int32(xl[l+1])
		h0 += int32(a>>4) * int32(xh[l])
		h1 += int32(b>>4) * int32(xh[l+1])
	}
	return int(l0 + l1), int(h0 + h1)
}

// dotQ5_KGeneric multiplies a Q5_K row: d, dmin f16, 12 scale bytes, 32 bytes of
// fifth bits, 128 bytes of nibbles.
func dotQ5_KGeneric(row []byte, q []int8, d []float32, bs []int16) float32 {
	var acc float32
	for b := range d {
		blk := row[b*176 : b*176+176]
		x := q[b*256 : b*256+256]
		scales := blk[4:16]
		qh := blk[16:48]
		sumi := 0
		for j := range 4 {
			qs := blk[48+32*j : 48+32*j+32]
			xl := x[64*j : 64*j+32]
			xh := x[64*j+32 : 64*j+64]
			lo, hi := 0, 0
			for l := range 32 {
				h := int(qh[l] >> (2 * j))
				lo += (int(qs[l]&15) | (h&1)<<4) * int(xl[l])
				hi += (int(qs[l]>>4) | (h&2)<<3) * int(xh[l])
			}
			sl, _ := scaleMin(2*j, scales)
			sh, _ := scaleMin(2*j+1, scales)
			sumi += sl*lo + sh*hi
		}
		mins := kMins(scales, bs[b*16:b*16+16])
		acc += d[b] * (f16At(blk)*float32(sumi) - f16At(blk[2:])*float32(mins))
	}
	return acc
}

// dotQ6_KGeneric multiplies a Q6_K row: 128 bytes of low nibbles, 64 bytes of high
// bit pairs, 16 signed scales, d f16; values offset by 32.
func dotQ6_KGeneric(row []byte, q []int8, d []float32) float32 {
	var acc float32
	for b := range d {
		blk := (*[210]byte)(row[b*210:])
		x := (*[256]int8)(q[b*256:])
		sc := blk[192:208]
		sumi := 0
		for n := range 2 {
			ql := (*[64]byte)(blk[64*n:])
			qh := (*[32]byte)(blk[128+32*n:])
			y := (*[128]int8)(x[128*n:])
			s := sc[8*n : 8*n+8]
			for is := range 2 {
				s1, s2, s3, s4 := q6Dot(ql, qh, y, 16*is)
				sumi += int(int8(s[is]))*s1 + int(int8(s[is+2]))*s2 + int(int8(s[is+4]))*s3 + int(int8(s[is+6]))*s4
			}
		}
		acc += f16At(blk[208:]) * d[b] * float32(sumi)
	}
	return acc
}

// q6Dot returns the four 16-value products of a Q6_K half-block starting at
// l0 (quarters at +0, +32, +64, +96 of y).
func q6Dot(ql *[64]byte, qh *[32]byte, y *[128]int8, l0 int) (s1, s2, s3, s4 int) {
	var a1, a2, a3, a4 int32
	for l := l0; l < l0+16; l++ {
		h := int32(qh[l])
		a, c := int32(ql[l]), int32(ql[l+32])
		a1 += (a&15 | (h&3)<<4 - 32) * int32(y[l])
		a2 += (c&15 | (h>>2&3)<<4 - 32) * int32(y[l+32])
		a3 += (a>>4 | (h>>4&3)<<4 - 32) * int32(y[l+64])
		a4 += (c>>4 | (h>>6&3)<<4 - 32) * int32(y[l+96])
	}
	return int(a1), int(a2), int(a3), int(a4)
}
