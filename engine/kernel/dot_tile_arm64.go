//go:build arm64

package kernel

// The arm64 tiles, listed in typeTraits: Q8_0, Q4_0 and Q5_0 with SMMLA
// where the CPU has the int8 matrix multiply instructions, two rows at a
// time (dot_tile_i8mm_arm64.s; a last odd row goes to the SDOT tile), with
// SDOT where it has the dot product instructions and plain NEON where it has
// not (dot_tile_arm64.s). Each gives every row and vector bit for bit what
// the row kernel of the same level gives it alone. The other types have no
// tiles here yet: their batches go one vector at a time.

// The levels of the tiles.
var (
	neonI8MM = Features{NEON: true, DotProd: true, I8MM: true}
	neonDot  = Features{NEON: true, DotProd: true}
	neon     = Features{NEON: true}
)

var (
	tilesQ8_0 = []tile{
		{needs: neonI8MM, minCols: 32, run: legacyTile(34, dotQ8_0x4SDOT), pair: legacyPair(34, dotQ8_0x2x4SMMLA)},
		{needs: neonDot, minCols: 32, run: legacyTile(34, dotQ8_0x4SDOT)},
		{needs: neon, minCols: 32, run: legacyTile(34, dotQ8_0x4NEON)},
	}
	tilesQ4_0 = []tile{
		{needs: neonI8MM, minCols: 32, run: legacyTile(18, dotQ4_0x4SDOT), pair: legacyPair(18, dotQ4_0x2x4SMMLA)},
		{needs: neonDot, minCols: 32, run: legacyTile(18, dotQ4_0x4SDOT)},
		{needs: neon, minCols: 32, run: legacyTile(18, dotQ4_0x4NEON)},
	}
	tilesQ5_0 = []tile{
		{needs: neonI8MM, minCols: 32, run: legacyTile(22, dotQ5_0x4SDOT), pair: legacyPair(22, dotQ5_0x2x4SMMLA)},
		{needs: neonDot, minCols: 32, run: legacyTile(22, dotQ5_0x4SDOT)},
		{needs: neon, minCols: 32, run: legacyTile(22, dotQ5_0x4NEON)},
	}
	tilesF16, tilesQ4_1, tilesQ5_1 []tile
)

// legacyKernel is a tile kernel of a 32-element-block type with Q8_0
// activations.
type legacyKernel func(row *byte, q *int8, d *float32, nb int, out *[4]float32)

// legacyTile returns the tile that runs k on rows of blocks of size bytes,
// after checking the lengths so that the kernel never reads outside them.
func legacyTile(size int, k legacyKernel) func(row []byte, a *operand, out []float32, stride int) {
	return func(row []byte, a *operand, out []float32, stride int) {
		nb := len(a.d) / tileVectors
		row, q := row[:nb*size], a.q[:tileVectors*nb*32]
		var four [4]float32
		k(&row[0], &q[0], &a.d[0], nb, &four)
		_ = out[3*stride]
		out[0], out[stride], out[2*stride], out[3*stride] = four[0], four[1], four[2], four[3]
	}
}

// pairKernel is a two-row tile kernel of a 32-element-block type with Q8_0
// activations: out[4h+2i+j] is row i times vector 2h+j.
type pairKernel func(row0, row1 *byte, q *int8, d *float32, nb int, out *[8]float32)

// legacyPair returns the two-row tile that runs k on two consecutive rows
// of blocks of size bytes, after checking the lengths so that the kernel
// never reads outside them.
func legacyPair(size int, k pairKernel) func(rows []byte, a *operand, out []float32, stride int) {
	return func(rows []byte, a *operand, out []float32, stride int) {
		nb := len(a.d) / tileVectors
		rows, q := rows[:2*nb*size], a.q[:tileVectors*nb*32]
		var eight [8]float32
		k(&rows[0], &rows[nb*size], &q[0], &a.d[0], nb, &eight)
		_ = out[3*stride+1]
		out[0], out[1], out[stride], out[stride+1] = eight[0], eight[2], eight[1], eight[3]
		out[2*stride], out[2*stride+1], out[3*stride], out[3*stride+1] = eight[4], eight[6], eight[5], eight[7]
	}
}

// The kernels take nb ≥ 1 blocks: a row of nb blocks (two rows for the
// SMMLA kernels) and four vectors of nb·32 activation bytes and nb scales
// each, stored one after another. NEON kernels need Advanced SIMD; SDOT
// kernels also the ARMv8.2 dot product instructions; SMMLA kernels also the
// int8 matrix multiply instructions.

//go:noescape
func dotQ8_0x4SDOT(row *byte, q *int8, d *float32, nb int, out *[4]float32)

//go:noescape
func dotQ8_0x4NEON(row *byte, q *int8, d *float32, nb int, out *[4]float32)

//go:noescape
func dotQ4_0x4SDOT(row *byte, q *int8, d *float32, nb int, out *[4]float32)

//go:noescape
func dotQ4_0x4NEON(row *byte, q *int8, d *float32, nb int, out *[4]float32)

//go:noescape
func dotQ5_0x4SDOT(row *byte, q *int8, d *float32, nb int, out *[4]float32)

//go:noescape
func dotQ5_0x4NEON(row *byte, q *int8, d *float32, nb int, out *[4]float32)

//go:noescape
func dotQ8_0x2x4SMMLA(row0, row1 *byte, q *int8, d *float32, nb int, out *[8]float32)

//go:noescape
func dotQ4_0x2x4SMMLA(row0, row1 *byte, q *int8, d *float32, nb int, out *[8]float32)

//go:noescape
func dotQ5_0x2x4SMMLA(row0, row1 *byte, q *int8, d *float32, nb int, out *[8]float32)
