//go:build !amd64 && !arm64

package kernel

// dotQ4_0 multiplies a Q4_0 row with Q8_0 activations (plain Go here).
func dotQ4_0(row []byte, q []int8, d []float32) float32 { return dotQ4_0Generic(row, q, d) }

// dotQ8_0 multiplies a Q8_0 row with Q8_0 activations (plain Go here).
func dotQ8_0(row []byte, q []int8, d []float32) float32 { return dotQ8_0Generic(row, q, d) }

// dotQ4_1 multiplies a Q4_1 row with Q8_1 activations (plain Go here).
func dotQ4_1(row []byte, q []int8, d, s []float32) float32 { return dotQ4_1Generic(row, q, d, s) }

// dotQ5_0 multiplies a Q5_0 row with Q8_0 activations (plain Go here).
func dotQ5_0(row []byte, q []int8, d []float32) float32 { return dotQ5_0Generic(row, q, d) }

// dotQ5_1 multiplies a Q5_1 row with Q8_1 activations (plain Go here).
func dotQ5_1(row []byte, q []int8, d, s []float32) float32 { return dotQ5_1Generic(row, q, d, s) }
