package kernel

import "math"

// form is the form activations take for products with one weight type:
// ggml's vec_dot_type.
type form int

const (
	formF32  form = iota
	formF16       // rounded to binary16, kept as float32
	formBF16      // rounded to bfloat16, kept as float32
	formQ8        // Q8_0 blocks of 32 (with the Q8_1 block sums alongside)
	formQ8K       // Q8_K blocks of 256
	numForms
)

// Input is a batch of N activation vectors of Cols values each, converted on
// demand (once per form) to what products with each weight type need. Reuse
// one Input across tokens to avoid allocations.
type Input struct {
	X    []float32 // N*Cols values, vector after vector
	N    int
	Cols int

	ready [numForms]bool
	// The F16 and BF16 roundings are kept apart, so that products of both
	// types may share one Input in one hand-off to the pool.
	f16  []float32 // formF16 values
	bf16 []float32 // formBF16 values
	q8   []int8    // formQ8 values
	d8   []float32 // formQ8 block scales, one per 32 values
	s8   []float32 // formQ8 scale times block sum, rounded to binary16 (Q8_1's s)
	qk   []int8    // formQ8K values
	dk   []float32 // formQ8K block scales, one per 256 values
	bsk  []int16   // formQ8K sums of each 16 values
}

// Set makes in hold the n vectors of cols values in x (len(x) >= n*cols).
// The slice is used in place, not copied; conversions are recomputed.
func (in *Input) Set(x []float32, n, cols int) {
	in.X = x[:n*cols]
	in.N, in.Cols = n, cols
	in.ready = [numForms]bool{}
}

// prepare converts the activations to form dt, if not done already.
func (in *Input) prepare(dt form) { in.preparePar(nil, dt) }

// preparePar is prepare with the blocks shared among p's threads (a batch
// of one vector stays on the calling thread: its blocks are too few).
func (in *Input) preparePar(p *Pool, dt form) {
	if in.ready[dt] {
		return
	}
	switch dt {
	case formF16, formBF16:
		in.prepareRound(p, dt)
	case formQ8:
		in.prepareQ8(p)
	case formQ8K:
		in.prepareQ8K(p)
	}
	in.ready[dt] = true
}

// prepareGrain is the fewest blocks of 32 values one thread quantizes.
const prepareGrain = 256

func (in *Input) prepareRound(p *Pool, dt form) {
	if dt == formF16 {
		in.f16 = grow(in.f16, len(in.X))
		p.For(len(in.X), 32*prepareGrain, func(lo, hi int) {
			roundF16s(in.f16[lo:hi], in.X[lo:hi])
		})
		return
	}
	in.bf16 = grow(in.bf16, len(in.X))
	p.For(len(in.X), 32*prepareGrain, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			in.bf16[i] = roundBF16(in.X[i])
		}
	})
}

// prepareQ8 quantizes to blocks of 32 as ggml's x86 quantize_row_q8_0 and
// quantize_row_q8_1 do: d = amax/127 stored as binary16, values rounded half to
// even from x·(127/amax).
func (in *Input) prepareQ8(p *Pool) {
	nb := len(in.X) / 32
	in.q8 = grow(in.q8, len(in.X))
	in.d8 = grow(in.d8, nb)
	in.s8 = grow(in.s8, nb)
	p.For(nb, prepareGrain, func(lo, hi int) { in.quantizeQ8(lo, hi) })
}

// quantizeQ8 quantizes blocks lo to hi of X into q8, d8 and s8.
func (in *Input) quantizeQ8(lo, hi int) {
	if in.quantizeQ8Fast(lo, hi) {
		return
	}
	for b := lo; b < hi; b++ {
		x := in.X[b*32 : b*32+32]
		q := in.q8[b*32 : b*32+32]
		var amax float32
		for _, v := range x {
			amax = max(amax, abs32(v))
		}
		d := amax / 127
		var id float32
		if amax != 0 {
			id = 127 / amax
		}
		sum := 0
		for i, v := range x {
			q[i] = int8(math.RoundToEven(float64(v * id)))
			sum += int(q[i])
		}
		in.d8[b] = RoundF16(d)
		in.s8[b] = RoundF16(d * float32(sum))
	}
}

// prepareQ8K quantizes to blocks of 256 as ggml's quantize_row_q8_K_ref: the
// value of largest magnitude maps to -127, d = 1/scale kept in float32, and
// the sums of each 16 values are stored for the K-quant minimums.
func (in *Input) prepareQ8K(p *Pool) {
	nb := len(in.X) / 256
	in.qk = grow(in.qk, len(in.X))
	in.dk = grow(in.dk, nb)
	in.bsk = grow(in.bsk, nb*16)
	p.For(nb, prepareGrain/8, func(lo, hi int) { in.quantizeQ8K(lo, hi) })
}

// quantizeQ8K quantizes blocks lo to hi of X into qk, dk and bsk.
func (in *Input) quantizeQ8K(lo, hi int) {
	for b := lo; b < hi; b++ {
		x := in.X[b*256 : b*256+256]
		q := in.qk[b*256 : b*256+256]
		var amax, vmax float32
		for _, v := range x {
			if a := abs32(v); a > amax {
				amax, vmax = a, v
			}
		}
		bs := in.bsk[b*16 : b*16+16]
		if amax == 0 {
			in.dk[b] = 0
			clear(q)
			clear(bs)
			continue
		}
		iscale := -127 / vmax
		for i, v := range x {
			q[i] = int8(min(127, nearestInt(iscale*v)))
		}
		for j := range bs {
			s := 0
			for _, v := range q[j*16 : j*16+16] {
				s += int(v)
			}
			bs[j] = int16(s)
		}
		in.dk[b] = 1 / iscale
	}
}

// nearestInt rounds half to even, as ggml's nearest_int.
func nearestInt(f float32) int { return int(math.RoundToEven(float64(f))) }

func abs32(f float32) float32 { return math.Float32frombits(math.Float32bits(f) &^ (1 << 31)) }

// operand is activation vectors in the form one weight type needs: one
// vector for a row product, or several stored one after another for a tile.
// Only the fields of its form are set.
type operand struct {
	x  []float32 // formF32: the values; formF16, formBF16: the rounded values
	q  []int8    // formQ8, formQ8K: the quantized values
	d  []float32 // their block scales
	s  []float32 // formQ8: Q8_1's block sums
	bs []int16   // formQ8K: the sums of each 16 values
}

// operand returns vectors t to t+n-1 in form f, which must be prepared.
func (in *Input) operand(f form, t, n int) operand {
	c := in.Cols
	lo, hi := t*c, (t+n)*c
	switch f {
	case formF32:
		return operand{x: in.X[lo:hi]}
	case formF16:
		return operand{x: in.f16[lo:hi]}
	case formBF16:
		return operand{x: in.bf16[lo:hi]}
	case formQ8:
		b := c / 32
		return operand{q: in.q8[lo:hi], d: in.d8[t*b : (t+n)*b], s: in.s8[t*b : (t+n)*b]}
	}
	k := c / 256
	return operand{q: in.qk[lo:hi], d: in.dk[t*k : (t+n)*k], bs: in.bsk[t*k*16 : (t+n)*k*16]}
}

// operands returns, for every t with t+n <= in.N, vectors t to t+n-1 in
// form f (prepared) at index t: the operands of a batch's products, made
// once per product instead of once per row.
func (in *Input) operands(f form, n int) []operand {
	ops := make([]operand, in.N-n+1)
	for t := range ops {
		ops[t] = in.operand(f, t, n)
	}
	return ops
}

// grow returns s resized to n, reallocating only when it is too small.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}
