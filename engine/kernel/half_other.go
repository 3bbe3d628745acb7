//go:build !amd64

package kernel

// roundF16s sets dst[i] to RoundF16(src[i]) (len(dst) ≥ len(src)).
func roundF16s(dst, src []float32) {
	for i, v := range src {
		dst[i] = RoundF16(v)
	}
}

// ToF16s sets dst[i] to ToF16(src[i]) (len(dst) ≥ len(src)).
func ToF16s(dst []uint16, src []float32) {
	for i, v := range src {
		dst[i] = ToF16(v)
	}
}
