package kernel

import "fmt"

// rowGrain is the fewest matrix rows handed to one worker at a time.
const rowGrain = 16

// MatMul computes out[t*m.Rows+r] = row r of m · vector t of in, for every
// row and every vector of the batch, on the pool's threads. in.Cols must equal
// m.Cols and out must hold in.N*m.Rows values. With one vector it is the
// matrix-vector product of decoding; with many, the matrix-matrix product of
// a prefill, reading each weight row once for the whole batch.
func MatMul(p *Pool, m Matrix, in *Input, out []float32) error {
	b, err := bind(p, m, in, out)
	if err != nil {
		return err
	}
	p.For(m.Rows, rowGrain, b.rows)
	return nil
}

// boundProduct is one matrix times a batch, its input prepared and its
// row products chosen for this CPU level: ready to compute any range of
// output rows.
type boundProduct struct {
	m    Matrix
	n    int // vectors in the batch
	dot  func(row []byte, t int) float32
	tile batchTile
	out  []float32
}

// bind checks that m times in fits out and prepares in for m's type.
func bind(p *Pool, m Matrix, in *Input, out []float32) (boundProduct, error) {
	if in.Cols != m.Cols {
		return boundProduct{}, fmt.Errorf("matmul: input has %d columns, matrix %d", in.Cols, m.Cols)
	}
	if len(out) < in.N*m.Rows {
		return boundProduct{}, fmt.Errorf("matmul: output holds %d values, need %d", len(out), in.N*m.Rows)
	}
	dot, tile, err := rowDot(p, m, in)
	if err != nil {
		return boundProduct{}, err
	}
	return boundProduct{m: m, n: in.N, dot: dot, tile: tile, out: out}, nil
}

// rows computes output rows lo to hi of b for every vector of the batch.
func (b *boundProduct) rows(lo, hi int) {
	m, out := b.m, b.out
	if b.n == 1 {
		// A decoding step: every row times vector 0, without the blocking a
		// batch needs.
		rb := m.rowBytes
		data := m.Data[lo*rb : hi*rb]
		for i := range out[lo:hi] {
			out[lo+i] = b.dot(data[i*rb:(i+1)*rb], 0)
		}
		return
	}
	// Blocks of rows × blocks of vectors, so that both the weight rows and
	// the activations of a block stay in cache while they are multiplied
	// with each other.
	for r0 := lo; r0 < hi; r0 += rowGrain {
		r1 := min(r0+rowGrain, hi)
		for t0 := 0; t0 < b.n; t0 += vectorBlock {
			t1 := min(t0+vectorBlock, b.n)
			for r := r0; r < r1; {
				r += productRows(m, r, r1, t0, t1, b.tile, b.dot, out)
			}
		}
	}
}

// vectorBlock is how many batch vectors are multiplied with a block of rows
// before moving on: 32 vectors of 4096 Q8_K activations are 128 KiB, about
// what a core's L2 cache holds beside the rows.
const vectorBlock = 32

// productRows computes row r of m, and row r+1 too where the tile has a
// two-row kernel and r+1 < r1, times vectors t0 to t1 of the batch,
// tileVectors at a time where a tile exists, and returns how many rows it
// did.
func productRows(m Matrix, r, r1, t0, t1 int, tile batchTile, dot func([]byte, int) float32, out []float32) int {
	if tile.pair == nil || r+1 >= r1 {
		productRow(m, r, t0, t1, tile.one, dot, out)
		return 1
	}
	rb := m.rowBytes
	rows := m.Data[r*rb : (r+2)*rb]
	t := t0
	for ; t+tileVectors <= t1; t += tileVectors {
		tile.pair(rows, t, out[t*m.Rows+r:], m.Rows)
	}
	for ; t < t1; t++ {
		out[t*m.Rows+r] = dot(rows[:rb], t)
		out[t*m.Rows+r+1] = dot(rows[rb:], t)
	}
	return 2
}

// productRow computes row r of m times vectors t0 to t1 of the batch,
// tileVectors at a time where a tile exists.
func productRow(m Matrix, r, t0, t1 int, tile tileProduct, dot func([]byte, int) float32, out []float32) {
	row := m.Row(r)
	t := t0
	for ; tile != nil && t+tileVectors <= t1; t += tileVectors {
		tile(row, t, out[t*m.Rows+r:], m.Rows)
	}
	for ; t < t1; t++ {
		out[t*m.Rows+r] = dot(row, t)
	}
}

// rowDot prepares in for m's type and returns the product of a row of m with
// vector t of in, and the type's tile for this CPU level (empty if none).
func rowDot(p *Pool, m Matrix, in *Input) (func(row []byte, t int) float32, batchTile, error) {
	tr, ok := traitsOf(m.Type)
	if !ok {
		return nil, batchTile{}, fmt.Errorf("matmul: %s: %w", m.Type, ErrUnsupportedType)
	}
	in.preparePar(p, tr.form)
	dot := tr.dot
	if in.N == 1 {
		// A decoding step: the vector's slices are bound once, not at every row.
		a := in.operand(tr.form, 0, 1)
		return func(row []byte, _ int) float32 { return dot(row, &a) }, batchTile{}, nil
	}
	ops := in.operands(tr.form, 1)
	dt := func(row []byte, t int) float32 { return dot(row, &ops[t]) }
	return dt, bindTiles(tr, in), nil
}

// tileProduct is the product of one row with vectors t to t+tileVectors-1
// of a batch, the result for vector t+k at out[k*stride]; or, for a two-row
// tile, of two consecutive rows (row holds both), the result for row i and
// vector t+k at out[k*stride+i].
type tileProduct func(row []byte, t int, out []float32, stride int)

// batchTile is a type's tile at this CPU level bound to a batch: one, the
// one-row kernel, and pair, the two-row kernel, each nil where there is none.
type batchTile struct{ one, pair tileProduct }

// bindTiles returns the tile of tr for this CPU level bound to in (empty if
// none).
func bindTiles(tr traits, in *Input) batchTile {
	k := tileFor(tr.tiles, in)
	if k == nil || in.N < tileVectors {
		return batchTile{}
	}
	ops := in.operands(tr.form, tileVectors)
	bind := func(run func([]byte, *operand, []float32, int)) tileProduct {
		if run == nil {
			return nil
		}
		return func(row []byte, t int, out []float32, stride int) {
			run(row, &ops[t], out, stride)
		}
	}
	return batchTile{one: bind(k.run), pair: bind(k.pair)}
}
