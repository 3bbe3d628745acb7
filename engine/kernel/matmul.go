package kernel

import (
	"fmt"

	"github.com/hearth-app/hearth/engine/quant"
)

// rowGrain is the fewest matrix rows handed to one worker at a time.
const rowGrain = 16

// MatMul computes out[t*m.Rows+r] = row r of m · vector t of in, for every
// row and every vector of the batch, on the pool's threads. in.Cols must equal
// m.Cols and out must hold in.N*m.Rows values. With one vector it is the
// matrix-vector product of decoding; with many, the matrix-matrix product of
// a prefill, reading each weight row once for the whole batch.
func MatMul(p *Pool, m Matrix, in *Input, out []float32) error {
	if in.Cols != m.Cols {
		return fmt.Errorf("matmul: input has %d columns, matrix %d", in.Cols, m.Cols)
	}
	if len(out) < in.N*m.Rows {
		return fmt.Errorf("matmul: output holds %d values, need %d", len(out), in.N*m.Rows)
	}
	dot, err := rowDot(p, m, in)
	if err != nil {
		return err
	}
	if in.N == 1 {
		matVec(p, m, dot, out)
		return nil
	}
	tile := rowTile(m.Type, in)
	p.For(m.Rows, rowGrain, func(lo, hi int) {
		// Blocks of rows × blocks of vectors, so that both the weight rows
		// and the activations of a block stay in cache while they are
		// multiplied with each other.
		for r0 := lo; r0 < hi; r0 += rowGrain {
			r1 := min(r0+rowGrain, hi)
			for t0 := 0; t0 < in.N; t0 += vectorBlock {
				t1 := min(t0+vectorBlock, in.N)
				for r := r0; r < r1; r++ {
					productRow(m, r, t0, t1, tile, dot, out)
				}
			}
		}
	})
	return nil
}

// matVec is MatMul's one-vector case (a decoding step): every row times
// vector 0, without the blocking a batch needs.
func matVec(p *Pool, m Matrix, dot func(row []byte, t int) float32, out []float32) {
	p.For(m.Rows, rowGrain, func(lo, hi int) {
		rb := m.rowBytes
		data := m.Data[lo*rb : hi*rb]
		for i := range out[lo:hi] {
			out[lo+i] = dot(data[i*rb:(i+1)*rb], 0)
		}
	})
}

// vectorBlock is how many batch vectors are multiplied with a block of rows
// before moving on: 32 vectors of 4096 Q8_K activations are 128 KiB, about
// what a core's L2 cache holds beside the rows.
const vectorBlock = 32

// productRow computes row r of m times vectors t0 to t1 of the batch, four
// vectors at a time where a tile kernel exists.
func productRow(m Matrix, r, t0, t1 int, tile func(row []byte, t int, out []float32, stride int), dot func([]byte, int) float32, out []float32) {
	row := m.Row(r)
	t := t0
	for ; tile != nil && t+4 <= t1; t += 4 {
		tile(row, t, out[t*m.Rows+r:], m.Rows)
	}
	for ; t < t1; t++ {
		out[t*m.Rows+r] = dot(row, t)
	}
}

// rowDot prepares in for m's type and returns the product of a row of m with
// vector t of in.
func rowDot(p *Pool, m Matrix, in *Input) (func(row []byte, t int) float32, error) {
	dt, ok := formOf(m.Type)
	if !ok {
		return nil, fmt.Errorf("matmul: %s: %w", m.Type, ErrUnsupportedType)
	}
	in.preparePar(p, dt)
	c := in.Cols
	switch m.Type {
	case quant.F32:
		return func(row []byte, t int) float32 { return dotF32(row, in.X[t*c:t*c+c]) }, nil
	case quant.F16:
		return func(row []byte, t int) float32 { return dotF16(row, in.round[t*c:t*c+c]) }, nil
	case quant.BF16:
		return func(row []byte, t int) float32 { return dotBF16(row, in.round[t*c:t*c+c]) }, nil
	}
	return quantDot(m.Type, in), nil
}

// quantDot returns the row product for a quantized type.
func quantDot(t quant.Type, in *Input) func(row []byte, t int) float32 {
	c, b, k := in.Cols, in.Cols/32, in.Cols/256
	q8 := func(t int) ([]int8, []float32, []float32) {
		return in.q8[t*c : t*c+c], in.d8[t*b : t*b+b], in.s8[t*b : t*b+b]
	}
	q8k := func(t int) ([]int8, []float32, []int16) {
		return in.qk[t*c : t*c+c], in.dk[t*k : t*k+k], in.bsk[t*k*16 : (t+1)*k*16]
	}
	if in.N == 1 {
		if f := vectorDot(t, in); f != nil {
			return f
		}
	}
	switch t {
	case quant.Q4_0:
		return func(row []byte, t int) float32 { q, d, _ := q8(t); return dotQ4_0(row, q, d) }
	case quant.Q4_1:
		return func(row []byte, t int) float32 { q, d, s := q8(t); return dotQ4_1(row, q, d, s) }
	case quant.Q5_0:
		return func(row []byte, t int) float32 { q, d, _ := q8(t); return dotQ5_0(row, q, d) }
	case quant.Q5_1:
		return func(row []byte, t int) float32 { q, d, s := q8(t); return dotQ5_1(row, q, d, s) }
	case quant.Q8_0:
		return func(row []byte, t int) float32 { q, d, _ := q8(t); return dotQ8_0(row, q, d) }
	case quant.Q4_K:
		return func(row []byte, t int) float32 { q, d, s := q8k(t); return dotQ4_K(row, q, d, s) }
	case quant.Q5_K:
		return func(row []byte, t int) float32 { q, d, s := q8k(t); return dotQ5_K(row, q, d, s) }
	default: // quant.Q6_K
		return func(row []byte, t int) float32 { q, d, s := q8k(t); return dotQ6_K(row, q, d, s) }
	}
}

// vectorDot returns the row product for a quantized type and a batch of one
// vector, with the vector's slices bound once instead of at every row (nil
// for the types without such a path).
func vectorDot(t quant.Type, in *Input) func(row []byte, t int) float32 {
	c, b, k := in.Cols, in.Cols/32, in.Cols/256
	var block func([]byte, []int8, []float32) float32
	var super func([]byte, []int8, []float32, []int16) float32
	switch t {
	case quant.Q8_0:
		block = dotQ8_0
	case quant.Q4_0:
		block = dotQ4_0
	case quant.Q5_0:
		block = dotQ5_0
	case quant.Q4_K:
		super = dotQ4_K
	case quant.Q5_K:
		super = dotQ5_K
	case quant.Q6_K:
		super = dotQ6_K
	default:
		return nil
	}
	if block != nil {
		q, d := in.q8[:c], in.d8[:b]
		return func(row []byte, _ int) float32 { return block(row, q, d) }
	}
	q, d, s := in.qk[:c], in.dk[:k], in.bsk[:k*16]
	return func(row []byte, _ int) float32 { return super(row, q, d, s) }
}
