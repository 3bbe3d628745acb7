//go:build amd64

package kernel

// The amd64 tiles of the K-quants, listed in typeTraits. They are offered
// only with AVX-512 VNNI: their results are bit for bit those of the
// AVX-512 one-vector kernels (dot_k_avx512_amd64.s), which the same CPUs
// run.

var (
	tilesQ4_K = []tile{{needs: vnni, minCols: 256, run: q4_KVNNIx4}}
	tilesQ5_K = []tile{{needs: vnni, minCols: 256, run: q5_KVNNIx4}}
	tilesQ6_K = []tile{{needs: vnni, minCols: 256, run: q6_KVNNIx4}}
)

// q4_KVNNIx4 runs dotQ4_KVNNIx4 on four vectors of Q8_K activations.
func q4_KVNNIx4(row []byte, a *operand, out []float32, stride int) {
	nb, row, q, bs := kTileSlices(row, a, 144)
	var four [4]float32
	dotQ4_KVNNIx4(&row[0], &q[0], &a.d[0], &bs[0], nb, &four)
	storeFour(&four, out, stride)
}

// q5_KVNNIx4 runs dotQ5_KVNNIx4 on four vectors of Q8_K activations.
func q5_KVNNIx4(row []byte, a *operand, out []float32, stride int) {
	nb, row, q, bs := kTileSlices(row, a, 176)
	var four [4]float32
	dotQ5_KVNNIx4(&row[0], &q[0], &a.d[0], &bs[0], nb, &four)
	storeFour(&four, out, stride)
}

// q6_KVNNIx4 runs dotQ6_KVNNIx4 on four vectors of Q8_K activations.
func q6_KVNNIx4(row []byte, a *operand, out []float32, stride int) {
	nb, row, q, bs := kTileSlices(row, a, 210)
	var four [4]float32
	dotQ6_KVNNIx4(&row[0], &q[0], &a.d[0], &bs[0], nb, &four)
	storeFour(&four, out, stride)
}

// kTileSlices returns the super-block count of a four-vector operand and
// the row, values and sums cut to what a kernel reads (super-blocks of size
// bytes), so that a short slice panics in Go, never in assembly.
func kTileSlices(row []byte, a *operand, size int) (int, []byte, []int8, []int16) {
	nb := len(a.d) / tileVectors
	return nb, row[:nb*size], a.q[:tileVectors*nb*256], a.bs[:tileVectors*nb*16]
}

// The four-vector kernels read nb super-blocks of the row and, for each of
// four vectors stored one after another, nb*256 activations, nb scales and
// nb*16 sums; kTileSlices checks the lengths. They need AVX2, FMA, F16C and
// AVX-512 F, BW, VL and VNNI.

//go:noescape
func dotQ4_KVNNIx4(row *byte, q *int8, d *float32, bs *int16, nb int, out *[4]float32)

//go:noescape
func dotQ5_KVNNIx4(row *byte, q *int8, d *float32, bs *int16, nb int, out *[4]float32)

//go:noescape
func dotQ6_KVNNIx4(row *byte, q *int8, d *float32, bs *int16, nb int, out *[4]float32)
