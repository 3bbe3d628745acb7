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
	// per architecture (tiles_amd64.go; none elsewhere).
	tiles []tile
}

// rowProduct is the product of one weight row with the activation vector a.
type rowProduct func(row []byte, a operand) float32

// tileVectors is how many activation vectors a tile multiplies a row with
// in one call.
const tileVectors = 4

// tile is a multi-vector kernel: the product of one weight row with
// tileVectors consecutive activation vectors at once, so that each weight
// block is read and prepared once for all of them. The result for vector k
// goes to out[k*stride]. Each result is bit for bit what dot gives for that
// vector alone at the same CPU level, so a batch gives each vector what it
// would get alone.
type tile struct {
	needs   Features // the instruction sets the kernel uses
	minCols int      // the fewest columns it takes
	run     func(row []byte, a operand, out []float32, stride int)
}

// typeTraits is the table of the tensor types the kernels multiply with.
var typeTraits = map[quant.Type]traits{
	quant.F32:  {form: formF32, generic: floatRow(dotF32Generic), dot: floatRow(dotF32)},
	quant.F16:  {form: formF16, generic: floatRow(dotF16Generic), dot: floatRow(dotF16), tiles: tilesF16},
	quant.BF16: {form: formBF16, generic: floatRow(dotBF16Generic), dot: floatRow(dotBF16)},
	quant.Q8_0: {form: formQ8, generic: q8Row(dotQ8_0Generic), dot: q8Row(dotQ8_0), tiles: tilesQ8_0},
	quant.Q4_0: {form: formQ8, generic: q8Row(dotQ4_0Generic), dot: q8Row(dotQ4_0), tiles: tilesQ4_0},
	quant.Q5_0: {form: formQ8, generic: q8Row(dotQ5_0Generic), dot: q8Row(dotQ5_0), tiles: tilesQ5_0},
	quant.Q4_1: {form: formQ8, generic: q81Row(dotQ4_1Generic), dot: q81Row(dotQ4_1), tiles: tilesQ4_1},
	quant.Q5_1: {form: formQ8, generic: q81Row(dotQ5_1Generic), dot: q81Row(dotQ5_1), tiles: tilesQ5_1},
	quant.Q4_K: {form: formQ8K, generic: q8KRow(dotQ4_KGeneric), dot: q8KRow(dotQ4_K), tiles: tilesQ4_K},
	quant.Q5_K: {form: formQ8K, generic: q8KRow(dotQ5_KGeneric), dot: q8KRow(dotQ5_K), tiles: tilesQ5_K},
	quant.Q6_K: {form: formQ8K, generic: q8KRow(dotQ6_KGenericSums), dot: q8KRow(dotQ6_K), tiles: tilesQ6_K},
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
		(f.NEON || !need.NEON) && (f.DotProd || !need.DotProd)
}

// floatRow adapts a product with float32 activations.
func floatRow(f func(row []byte, x []float32) float32) rowProduct {
	return func(row []byte, a operand) float32 { return f(row, a.x) }
}

// q8Row adapts a product with Q8_0 activations.
func q8Row(f func(row []byte, q []int8, d []float32) float32) rowProduct {
	return func(row []byte, a operand) float32 { return f(row, a.q, a.d) }
}

// q81Row adapts a product with Q8_1 activations (Q8_0's with block sums).
func q81Row(f func(row []byte, q []int8, d, s []float32) float32) rowProduct {
	return func(row []byte, a operand) float32 { return f(row, a.q, a.d, a.s) }
}

// q8KRow adapts a product with Q8_K activations.
func q8KRow(f func(row []byte, q []int8, d []float32, bs []int16) float32) rowProduct {
	return func(row []byte, a operand) float32 { return f(row, a.q, a.d, a.bs) }
}

// dotQ6_KGenericSums is dotQ6_KGeneric with the Q8_K sums it does not need.
func dotQ6_KGenericSums(row []byte, q []int8, d []float32, _ []int16) float32 {
	return dotQ6_KGeneric(row, q, d)
}
