//go:build amd64

package kernel

// roundF16s sets dst[i] to RoundF16(src[i]) (len(dst) ≥ len(src)), eight
// values at a time with F16C where the CPU has it. The hardware conversion
// rounds to nearest even as RoundF16 does; only NaN payloads may differ.
func roundF16s(dst, src []float32) {
	n := len(src) &^ 7
	if simd.Load().AVX2 && n > 0 {
		roundF16AVX2(&dst[0], &src[0], n)
	} else {
		n = 0
	}
	for i := n; i < len(src); i++ {
		dst[i] = RoundF16(src[i])
	}
}

//go:noescape
func roundF16AVX2(dst, src *float32, n int)

// ToF16s sets dst[i] to ToF16(src[i]) (len(dst) ≥ len(src)), eight values
// at a time with F16C where the CPU has it; only NaN payloads may differ
// from ToF16.
func ToF16s(dst []uint16, src []float32) {
	n := len(src) &^ 7
	if simd.Load().AVX2 && n > 0 {
		dst = dst[:len(src)]
		toF16AVX2(&dst[0], &src[0], n)
	} else {
		n = 0
	}
	for i := n; i < len(src); i++ {
		dst[i] = ToF16(src[i])
	}
}

//go:noescape
func toF16AVX2(dst *uint16, src *float32, n int)
