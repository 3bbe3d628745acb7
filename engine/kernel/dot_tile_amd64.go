//go:build amd64

package kernel

// The amd64 tiles of the 32-element-block types, listed in typeTraits.

// vnni is the level of the AVX-512 VNNI kernels.
var vnni = Features{AVX2: true, AVX512: true, VNNI: true}

var (
	tilesQ8_0 = []tile{{needs: vnni, minCols: 32, run: q8_0VNNIx4}}
	tilesQ5_0 = []tile{{needs: vnni, minCols: 32, run: q5_0VNNIx4}}
)

// q8_0VNNIx4 runs dotQ8_0VNNIx4 on four vectors of Q8_0 activations.
func q8_0VNNIx4(row []byte, a operand, out []float32, stride int) {
	nb := len(a.d) / tileVectors
	row, q := row[:nb*34], a.q[:tileVectors*nb*32]
	var four [4]float32
	dotQ8_0VNNIx4(&row[0], &q[0], &a.d[0], nb, &four)
	storeFour(&four, out, stride)
}

// q5_0VNNIx4 runs dotQ5_0VNNIx4 on four vectors of Q8_0 activations.
func q5_0VNNIx4(row []byte, a operand, out []float32, stride int) {
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
// each); their Go callers check the lengths. Each result is bit for bit the
// one-vector kernel's of the same level. The VNNI kernels need AVX2, FMA,
// F16C and AVX-512 F, BW, VL and VNNI.

//go:noescape
func dotQ8_0VNNIx4(row *byte, q *int8, d *float32, nb int, out *[4]float32)

//go:noescape
func dotQ5_0VNNIx4(row *byte, q *int8, d *float32, nb int, out *[4]float32)
