//go:build !amd64

package kernel

// roundF16s sets dst[i] to RoundF16(src[i]) (len(dst) ≥ len(src)).
func roundF16s(dst, src []float32) {
	for i, v := range src {
		dst[i] = RoundF16(v)
	}
}
