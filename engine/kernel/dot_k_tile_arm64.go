//go:build arm64

package kernel

// The arm64 K-quant tiles, listed in typeTraits: Q4_K, Q5_K and Q6_K, with SDOT where the
// CPU has the dot product instructions and plain NEON where it has not (the
// kernels are at the end of dot_k_arm64.s, beside the row kernels whose
// macros they share). Each gives every vector bit for bit what the row
// kernel of the same level gives it alone.

var (
	tilesQ4_K = []tile{
		{needs: neonDot, minCols: 256, run: kTile(144, dotQ4_Kx4SDOT)},
		{needs: neon, minCols: 256, run: kTile(144, dotQ4_Kx4NEON)},
	}
	tilesQ5_K = []tile{
		{needs: neonDot, minCols: 256, run: kTile(176, dotQ5_Kx4SDOT)},
		{needs: neon, minCols: 256, run: kTile(176, dotQ5_Kx4NEON)},
	}
	tilesQ6_K = []tile{
		{needs: neonDot, minCols: 256, run: kTile(210, dotQ6_Kx4SDOT)},
		{needs: neon, minCols: 256, run: kTile(210, dotQ6_Kx4NEON)},
	}
)

// kTileKernel is a tile kernel of a K-quant type with Q8_K activations.
type kTileKernel func(row *byte, q *int8, d *float32, bs *int16, nb int, out *[4]float32)

// kTile returns the tile that runs k on rows of super-blocks of size bytes,
// after checking the lengths so that the kernel never reads outside them.
func kTile(size int, k kTileKernel) func(row []byte, a *operand, out []float32, stride int) {
	return func(row []byte, a *operand, out []float32, stride int) {
		nb := len(a.d) / tileVectors
		row, q, bs := row[:nb*size], a.q[:tileVectors*nb*256], a.bs[:tileVectors*nb*16]
		var four [4]float32
		k(&row[0], &q[0], &a.d[0], &bs[0], nb, &four)
		_ = out[3*stride]
		out[0], out[stride], out[2*stride], out[3*stride] = four[0], four[1], four[2], four[3]
	}
}

// The kernels take nb ≥ 1 super-blocks: a row of nb super-blocks and four
// vectors of nb·256 activations, nb scales and nb·16 sums each (which the
// Q6_K kernels do not read), stored one after another.

//go:noescape
func dotQ4_Kx4SDOT(row *byte, q *int8, d *float32, bs *int16, nb int, out *[4]float32)

//go:noescape
func dotQ4_Kx4NEON(row *byte, q *int8, d *float32, bs *int16, nb int, out *[4]float32)

//go:noescape
func dotQ5_Kx4SDOT(row *byte, q *int8, d *float32, bs *int16, nb int, out *[4]float32)

//go:noescape
func dotQ5_Kx4NEON(row *byte, q *int8, d *float32, bs *int16, nb int, out *[4]float32)

//go:noescape
func dotQ6_Kx4SDOT(row *byte, q *int8, d *float32, bs *int16, nb int, out *[4]float32)

//go:noescape
func dotQ6_Kx4NEON(row *byte, q *int8, d *float32, bs *int16, nb int, out *[4]float32)
