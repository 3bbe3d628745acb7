//go:build !amd64 && !arm64

package kernel

// Without amd64 assembly the K-quant products are the plain-Go kernels.

// dotQ4_K multiplies a Q4_K row with Q8_K activations.
func dotQ4_K(row []byte, q []int8, d []float32, bs []int16) float32 {
	return dotQ4_KGeneric(row, q, d, bs)
}

// dotQ5_K multiplies a Q5_K row with Q8_K activations.
func dotQ5_K(row []byte, q []int8, d []float32, bs []int16) float32 {
	return dotQ5_KGeneric(row, q, d, bs)
}

// dotQ6_K multiplies a Q6_K row with Q8_K activations.
func dotQ6_K(row []byte, q []int8, d []float32, bs []int16) float32 {
	return dotQ6_KGeneric(row, q, d)
}
