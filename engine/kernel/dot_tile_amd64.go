//go:build amd64

package kernel

// The amd64 tiles of the 32-element-block types, listed in typeTraits.

// The levels of the tiles: the AVX-512 VNNI kernels, and the AVX2 ones,
// which are listed after them because the one-vector products leave AVX2
// for VNNI where the CPU has it.
var (
	vnni = Features{AVX2: true, AVX512: true, VNNI: true}
	avx2 = Features{AVX2: true}
)

var (
	tilesQ8_0 = []tile{{needs: vnni, minCols: 32, run: q8_0VNNIx4}}
	tilesQ5_0 = []tile{{needs: vnni, minCols: 32, run: q5_0VNNIx4}}
	tilesQ4_0 = []tile{
		{needs: vnni, minCols: 32, run: q4_0VNNIx4},
		{needs: avx2, minCols: 32, run: q4_0AVX2x4},
	}
	// The one-vector Q4_1 and Q5_1 products are AVX2 at every level.
	tilesQ4_1 = []tile{{needs: avx2, minCols: 32, run: q4_1AVX2x4}}
	tilesQ5_1 = []tile{{needs: avx2, minCols: 32, run: q5_1AVX2x4}}
)

// q8_0VNNIx4 runs dotQ8_0VNNIx4 on four vectors of Q8_0 activations.
func q8_0VNNIx4(row []byte, a *operand, out []float32, stride int) {
	nb := len(a.d) / tileVectors
	row, q := row[:nb*34], a.q[:tileVectors*nb*32]
	var four [4]float32
	dotQ8_0VNNIx4(&row[0], &q[0], &a.d[0], nb, &four)
	storeFour(&four, out, stride)
}

// q4_0VNNIx4 runs dotQ4_0VNNIx4 on four vectors of Q8_0 activations.
func q4_0VNNIx4(row []byte, a *operand, out []float32, stride int) {
	nb := len(a.d) / tileVectors
	row, q := row[:nb*18], a.q[:tileVectors*nb*32]
	var four [4]float32
	dotQ4_0VNNIx4(&row[0], &q[0], &a.d[0], nb, &four)
	storeFour(&four, out, stride)
}

// q4_0AVX2x4 runs dotQ4_0AVX2x4 on four vectors of Q8_0 activations.
func q4_0AVX2x4(row []byte, a *operand, out []float32, stride int) {
	nb := len(a.d) / tileVectors
	row, q := row[:nb*18], a.q[:tileVectors*nb*32]
	var four [4]float32
	dotQ4_0AVX2x4(&row[0], &q[0], &a.d[0], nb, &four)
	storeFour(&four, out, stride)
}

// q4_1AVX2x4 runs dotQ4_1AVX2x4 on four vectors of Q8_1 activations.
func q4_1AVX2x4(row []byte, a *operand, out []float32, stride int) {
	nb := len(a.d) / tileVectors
	row, q, s := row[:nb*20], a.q[:tileVectors*nb*32], a.s[:tileVectors*nb]
	var four [4]float32
	dotQ4_1AVX2x4(&row[0], &q[0], &a.d[0], &s[0], nb, &four)
	storeFour(&four, out, stride)
}

// q5_1AVX2x4 runs dotQ5_1AVX2x4 on four vectors of Q8_1 activations.
func q5_1AVX2x4(row []byte, a *operand, out []float32, stride int) {
	nb := len(a.d) / tileVectors
	row, q, s := row[:nb*24], a.q[:tileVectors*nb*32], a.s[:tileVectors*nb]
	var four [4]float32
	dotQ5_1AVX2x4(&row[0], &q[0], &a.d[0], &s[0], nb, &four)
	storeFour(&four, out, stride)
}

// q5_0VNNIx4 runs dotQ5_0VNNIx4 on four vectors of Q8_0 activations.
func q5_0VNNIx4(row []byte, a *operand, out []float32, stride int) {
	nb := len(a.d) / tileVectors
	row, q := row[:nb*22], a.q[:tileVectors*nb*32]
	var four [4]float32
	dotQ5_0VNNIx4(&row[0], &q[0], &a.d[0], nb, &four)
	storeFour(&four, out, stride)
}

// storeFour writes a tile's four results to out with the given stride.
func storeFour(four *[4]float32, out []float32, stride int) {
	_ = out[3*stride]
	out[0], out[stride], out[2*stride], out[3*stride] = four[0], four[1], four[2], four[3]
}

// The tile kernels multiply a row of nb ≥ 1 blocks with four vectors of
// Q8_0 activations stored one after another (nb·32 bytes and nb scales
// each, and for Q4_1 and Q5_1 nb sums each, stored in the same way); their
// Go callers check the lengths. Each result is bit for bit the one-vector
// kernel's of the same level. The AVX2 kernels need AVX2, FMA
// and F16C; the VNNI kernels also AVX-512 F, BW, VL and VNNI.

//go:noescape
func dotQ8_0VNNIx4(row *byte, q *int8, d *float32, nb int, out *[4]float32)

//go:noescape
func dotQ4_0AVX2x4(row *byte, q *int8, d *float32, nb int, out *[4]float32)

//go:noescape
func dotQ4_1AVX2x4(row *byte, q *int8, d, s *float32, nb int, out *[4]float32)

//go:noescape
func dotQ5_1AVX2x4(row *byte, q *int8, d, s *float32, nb int, out *[4]float32)

//go:noescape
func dotQ4_0VNNIx4(row *byte, q *int8, d *float32, nb int, out *[4]float32)

//go:noescape
func dotQ5_0VNNIx4(row *byte, q *int8, d *float32, nb int, out *[4]float32)
