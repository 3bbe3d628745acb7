package kernel

// Products of one row of a 32-element-block type with activations quantized
// to Q8_0 blocks (q: values, d: block scales, s: Q8_1 block sums). Each block
// product is an exact integer sum scaled by the two block scales. dotQ4_0,
// dotQ4_1, dotQ5_0, dotQ5_1 and dotQ8_0 choose between these plain-Go loops
// and SIMD kernels (dot_legacy_amd64.go).

// dotQ4_0Generic multiplies a Q4_0 row (d f16, 16 bytes of nibbles: low
// nibbles are elements 0-15, high nibbles 16-31, offset by 8) in plain Go.
func dotQ4_0Generic(row []byte, q []int8, d []float32) float32 {
	var acc float32
	for b := range d {
		blk := row[b*18 : b*18+18]
		x := q[b*32 : b*32+32]
		sum := 0
		for j := range 16 {
			v := blk[2+j]
			sum += (int(v&15)-8)*int(x[j]) + (int(v>>4)-8)*int(x[j+16])
		}
		acc += f16At(blk) * d[b] * float32(sum)
	}
	return acc
}

// dotQ4_1Generic multiplies a Q4_1 row (d, m f16, 16 bytes of nibbles; value
// d·q+m) with Q8_1 activations in plain Go.
func dotQ4_1Generic(row []byte, q []int8, d, s []float32) float32 {
	var acc float32
	for b := range d {
		blk := row[b*20 : b*20+20]
		x := q[b*32 : b*32+32]
		sum := 0
		for j := range 16 {
			v := blk[4+j]
			sum += int(v&15)*int(x[j]) + int(v>>4)*int(x[j+16])
		}
		acc += f16At(blk)*d[b]*float32(sum) + f16At(blk[2:])*s[b]
	}
	return acc
}

// dotQ5_0Generic multiplies a Q5_0 row (d f16, 32 high bits, 16 bytes of
// nibbles; offset by 16) in plain Go.
func dotQ5_0Generic(row []byte, q []int8, d []float32) float32 {
	var acc float32
	for b := range d {
		blk := row[b*22 : b*22+22]
		x := q[b*32 : b*32+32]
		qh := uint32(blk[2]) | uint32(blk[3])<<8 | uint32(blk[4])<<16 | uint32(blk[5])<<24
		sum := 0
		for j := range 16 {
			v := blk[6+j]
			lo := int(v&15) | int(qh>>j&1)<<4
			hi := int(v>>4) | int(qh>>(j+16)&1)<<4
			sum += (lo-16)*int(x[j]) + (hi-16)*int(x[j+16])
		}
		acc += f16At(blk) * d[b] * float32(sum)
	}
	return acc
}

// dotQ5_1Generic multiplies a Q5_1 row (d, m f16, 32 high bits, 16 bytes of
// nibbles) with Q8_1 activations in plain Go.
func dotQ5_1Generic(row []byte, q []int8, d, s []float32) float32 {
	var acc float32
	for b := range d {
		blk := row[b*24 : b*24+24]
		x := q[b*32 : b*32+32]
		qh := uint32(blk[4]) | uint32(blk[5])<<8 | uint32(blk[6])<<16 | uint32(blk[7])<<24
		sum := 0
		for j := range 16 {
			v := blk[8+j]
			lo := int(v&15) | int(qh>>j&1)<<4
			hi := int(v>>4) | int(qh>>(j+16)&1)<<4
			sum += lo*int(x[j]) + hi*int(x[j+16])
		}
		acc += f16At(blk)*d[b]*float32(sum) + f16At(blk[2:])*s[b]
	}
	return acc
}

// dotQ8_0Generic multiplies a Q8_0 row (d f16, 32 signed bytes) in plain Go.
func dotQ8_0Generic(row []byte, q []int8, d []float32) float32 {
	var acc float32
	for b := range d {
		blk := row[b*34 : b*34+34]
		x := q[b*32 : b*32+32]
		w := blk[2:34]
		sum := 0
		for j := range 32 {
			sum += int(int8(w[j])) * int(x[j])
		}
		acc += f16At(blk) * d[b] * float32(sum)
	}
	return acc
}
