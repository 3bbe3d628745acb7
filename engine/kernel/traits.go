package kernel

import "github.com/hearth-app/hearth/engine/quant"

// traits are the facts the products need about one tensor type, in the
// spirit of ggml's per-type traits: adding a type, or a kernel for one,
// means one entry in typeTraits (and the kernel's own files).
type traits struct {
	// form is the form the activations take for products with this type
	// (ggml's vec_dot_type).
	form form
	// generic is the plain-Go product of a row with one vector.
	generic rowProduct
	// dot is the fastest one-vector product at the current CPU level: each
	// call picks its kernel from simd (the dot*_amd64.go and dot*_arm64.go
	// files), falling back to generic.
	dot rowProduct
	// tiles are the multi-vector kernels, each with the CPU level it needs,
	// widest level first; the first the CPU has is used. They are defined
	// per architecture (dot_tile_amd64.go, dot_k_tile_amd64.go,
	// dot_f16_tile_amd64.go, dot_tile_arm64.go, dot_k_tile_arm64.go; none
	// elsewhere yet).
	tiles []tile
}

// rowProduct is the product of one weight row with the activation vector a.
type rowProduct func(row []byte, a *operand) float32

// tileVectors is how many activation vectors a tile multiplies a row with
// in one call.
const tileVectors = 4

// tile is a multi-vector kernel: the product of one weight row with
// tileVectors consecutive activation vectors at once, so that each weight
// block is read and prepared once for all of them. The result for vector k
// goes to out[k*stride]. A tile may also have a two-row kernel, pair: the
// product of two consecutive rows (rows holds both) with the same vectors,
// the result for row i and vector k at out[k*stride+i]; MatMul then takes
// rows two at a time and a last odd row with run. Each result is bit for bit
// what dot gives for that row and vector alone at the same CPU level, so a
// batch gives each vector what it would get alone.
type tile struct {
	needs   Features // the instruction sets the kernel uses
	minCols int      // the fewest columns it takes
	run     func(row []byte, a *operand, out []float32, stride int)
	pair    func(rows []byte, a *operand, out []float32, stride int) // nil if none
}

// typeTraits is the table of the tensor types the kernels multiply with.
// The row products are the ...Op functions below, so that a product costs
// one indirect call.
var typeTraits = map[quant.Type]traits{
	quant.F32:  {form: formF32, generic: dotF32GenericOp, dot: dotF32Op},
	quant.F16:  {form: formF16, generic: dotF16GenericOp, dot: dotF16Op, tiles: tilesF16},
	quant.BF16: {form: formBF16, generic: dotBF16GenericOp, dot: dotBF16Op},
	quant.Q8_0: {form: formQ8, generic: dotQ8_0GenericOp, dot: dotQ8_0Op, tiles: tilesQ8_0},
	quant.Q4_0: {form: formQ8, generic: dotQ4_0GenericOp, dot: dotQ4_0Op, tiles: tilesQ4_0},
	quant.Q5_0: {form: formQ8, generic: dotQ5_0GenericOp, dot: dotQ5_0Op, tiles: tilesQ5_0},
	quant.Q4_1: {form: formQ8, generic: dotQ4_1GenericOp, dot: dotQ4_1Op, tiles: tilesQ4_1},
	quant.Q5_1: {form: formQ8, generic: dotQ5_1GenericOp, dot: dotQ5_1Op, tiles: tilesQ5_1},
	quant.Q4_K: {form: formQ8K, generic: dotQ4_KGenericOp, dot: dotQ4_KOp, tiles: tilesQ4_K},
	quant.Q5_K: {form: formQ8K, generic: dotQ5_KGenericOp, dot: dotQ5_KOp, tiles: tilesQ5_K},
	quant.Q6_K: {form: formQ8K, generic: dotQ6_KGenericOp, dot: dotQ6_KOp, tiles: tilesQ6_K},
}

// traitsOf returns the traits of type t, or false for a type the kernels
// cannot multiply with.
func traitsOf(t quant.Type) (traits, bool) {
	tr, ok := typeTraits[t]
	return tr, ok
}

// tileFor returns the first of tiles that the current CPU level runs on in's
// width, or nil.
func tileFor(tiles []tile, in *Input) *tile {
	f := *simd.Load()
	for i := range tiles {
		if f.has(tiles[i].needs) && in.Cols >= tiles[i].minCols {
			return &tiles[i]
		}
	}
	return nil
}

// has reports whether f holds every instruction set need holds.
func (f Features) has(need Features) bool {
	return (f.AVX2 || !need.AVX2) && (f.AVX512 || !need.AVX512) && (f.VNNI || !need.VNNI) &&
		(f.NEON || !need.NEON) && (f.DotProd || !need.DotProd) && (f.I8MM || !need.I8MM)
}

// The row products of the table: each kernel applied to the fields of an
// operand that its form sets.

func dotF32Op(row []byte, a *operand) float32         { return dotF32(row, a.x) }
func dotF32GenericOp(row []byte, a *operand) float32  { return dotF32Generic(row, a.x) }
func dotF16Op(row []byte, a *operand) float32         { return dotF16(row, a.x) }
func dotF16GenericOp(row []byte, a *operand) float32  { return dotF16Generic(row, a.x) }
func dotBF16Op(row []byte, a *operand) float32        { return dotBF16(row, a.x) }
func dotBF16GenericOp(row []byte, a *operand) float32 { return dotBF16Generic(row, a.x) }

func dotQ8_0Op(row []byte, a *operand) float32        { return dotQ8_0(row, a.q, a.d) }
func dotQ8_0GenericOp(row []byte, a *operand) float32 { return dotQ8_0Generic(row, a.q, a.d) }
func dotQ4_0Op(row []byte, a *operand) float32        { return dotQ4_0(row, a.q, a.d) }
func dotQ4_0GenericOp(row []byte, a *operand) float32 { return dotQ4_0Generic(row, a.q, a.d) }
func dotQ5_0Op(row []byte, a *operand) float32        { return dotQ5_0(row, a.q, a.d) }
func dotQ5_0GenericOp(row []byte, a *operand) float32 { return dotQ5_0Generic(row, a.q, a.d) }
func dotQ4_1Op(row []byte, a *operand) float32        { return dotQ4_1(row, a.q, a.d, a.s) }
func dotQ4_1GenericOp(row []byte, a *operand) float32 { return dotQ4_1Generic(row, a.q, a.d, a.s) }
func dotQ5_1Op(row []byte, a *operand) float32        { return dotQ5_1(row, a.q, a.d, a.s) }
func dotQ5_1GenericOp(row []byte, a *operand) float32 { return dotQ5_1Generic(row, a.q, a.d, a.s) }

func dotQ4_KOp(row []byte, a *operand) float32        { return dotQ4_K(row, a.q, a.d, a.bs) }
func dotQ4_KGenericOp(row []byte, a *operand) float32 { return dotQ4_KGeneric(row, a.q, a.d, a.bs) }
func dotQ5_KOp(row []byte, a *operand) float32        { return dotQ5_K(row, a.q, a.d, a.bs) }
func dotQ5_KGenericOp(row []byte, a *operand) float32 { return dotQ5_KGeneric(row, a.q, a.d, a.bs) }
func dotQ6_KOp(row []byte, a *operand) float32        { return dotQ6_K(row, a.q, a.d, a.bs) }
func dotQ6_KGenericOp(row []byte, a *operand) float32 { return dotQ6_KGeneric(row, a.q, a.d) }
