package kernel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/hearth-app/hearth/engine/quant"
)

// The SIMD kernels are checked against the plain-Go kernels and against a
// float64 product of the values quant.Dequantize gives, under every feature
// level this CPU has (AVX-512 with VNNI, AVX2 only, off; on arm64 NEON with
// the dot product and int8 matrix multiply instructions, with the dot
// product ones only, NEON only, off).
//
// Tolerance. In the block kernels every block product is an exact integer
// and every block scale the same float32 product in both paths, so the paths
// differ only in how they add the scaled block products: plain Go adds nb
// terms one after another, the SIMD kernels add in lanes and then across
// lanes. Either way the result is a sum of the nb·8 scaled lane sums with at
// most nb+4 roundings on any term's path, plus one for the scale itself, so
// by the classic bound for recursive summation both are within
// (nb+6)·2⁻²⁴·Σ|wᵢxᵢ| of the exact value (first order); the test allows
// (nb+10)·2⁻²⁴·Σ|wᵢxᵢ|. The float kernels are bounded the same way with n/4
// in place of nb (the plain-Go loop keeps 4 partial sums of n/4 terms).

// unitRoundoff is float32's unit roundoff, 2⁻²⁴.
const unitRoundoff = 0x1p-24

// featureLevels returns the distinct feature sets this CPU can run, from the
// widest down to plain Go.
func featureLevels() []Features {
	hw := detectFeatures()
	var out []Features
	for _, f := range []Features{
		{AVX2: true, AVX512: true, VNNI: true, NEON: true, DotProd: true, I8MM: true},
		{AVX2: true, AVX512: true, VNNI: true, NEON: true, DotProd: true},
		{AVX2: true, NEON: true},
		{},
	} {
		f = Features{AVX2: f.AVX2 && hw.AVX2, AVX512: f.AVX512 && hw.AVX512, VNNI: f.VNNI && hw.VNNI,
			NEON: f.NEON && hw.NEON, DotProd: f.DotProd && hw.DotProd, I8MM: f.I8MM && hw.I8MM}
		if len(out) == 0 || out[len(out)-1] != f {
			out = append(out, f)
		}
	}
	return out
}

func (f Features) String() string {
	switch {
	case f.VNNI:
		return "avx512vnni"
	case f.AVX512:
		return "avx512"
	case f.AVX2:
		return "avx2"
	case f.I8MM:
		return "neoni8mm"
	case f.DotProd:
		return "neondotprod"
	case f.NEON:
		return "neon"
	}
	return "off"
}

// forEachLevel runs fn as a subtest under every feature level.
func forEachLevel(t *testing.T, fn func(t *testing.T)) {
	for _, f := range featureLevels() {
		t.Run(f.String(), func(t *testing.T) {
			prev := UseSIMD(f)
			defer UseSIMD(prev)
			fn(t)
		})
	}
}

// withinSumBound fails t if got or the plain-Go result is further than
// terms·2⁻²⁴·mag from want.
func withinSumBound(t *testing.T, got, plain float32, want, mag float64, terms int) {
	t.Helper()
	tol := float64(terms) * unitRoundoff * mag
	if d := math.Abs(float64(got) - want); d > tol {
		t.Errorf("got %g, want %g: off by %g, bound %g (Σ|wx| = %g)", got, want, d, tol, mag)
	}
	if d := math.Abs(float64(plain) - want); d > tol {
		t.Errorf("plain Go %g, want %g: off by %g, bound %g", plain, want, d, tol)
	}
}

// dot64 returns Σ a·b and Σ|a·b| in float64.
func dot64(a, b []float32) (sum, mag float64) {
	for i := range a {
		p := float64(a[i]) * float64(b[i])
		sum += p
		mag += math.Abs(p)
	}
	return sum, mag
}

// randomBlockRow returns nb blocks of type typ with random f16 scales (and
// minimums) and random bytes for everything else: every byte value, including Q8_0's -128
// that quantizing never produces, is a valid weight.
func randomBlockRow(r *rand.Rand, typ quant.Type, nb int) []byte {
	l, _ := quant.LayoutOf(typ)
	row := make([]byte, nb*l.BlockBytes)
	for i := range row {
		row[i] = byte(r.Uint32())
	}
	scales := 1 // d, and m for the types with a minimum
	if typ == quant.Q4_1 || typ == quant.Q5_1 {
		scales = 2
	}
	for b := range nb {
		for i := range scales {
			h := quant.F32ToF16(float32(r.NormFloat64() * 0.01))
			row[b*l.BlockBytes+2*i], row[b*l.BlockBytes+2*i+1] = byte(h), byte(h>>8)
		}
	}
	return row
}

// q8Values returns the activations in holds as Q8_0 blocks, dequantized by
// quant.
func q8Values(t *testing.T, in *Input) []float32 {
	t.Helper()
	nb := len(in.d8)
	blocks := make([]byte, nb*34)
	for b := range nb {
		h := quant.F32ToF16(in.d8[b])
		blocks[b*34], blocks[b*34+1] = byte(h), byte(h>>8)
		for j := range 32 {
			blocks[b*34+2+j] = byte(in.q8[b*32+j])
		}
	}
	out := make([]float32, nb*32)
	if err := quant.Dequantize(quant.Q8_0, blocks, out); err != nil {
		t.Fatal(err)
	}
	return out
}

var blockCounts = []int{1, 2, 3, 4, 5, 7, 28, 64}

// blockKernel is a row kernel of a 32-element-block type; s (Q8_1's block
// sums) is only read for types with a minimum.
type blockKernel struct {
	typ          quant.Type
	dot, generic func(row []byte, q []int8, d, s []float32) float32
}

// withoutSums adapts a kernel that takes no activation sums.
func withoutSums(f func(row []byte, q []int8, d []float32) float32) func(row []byte, q []int8, d, s []float32) float32 {
	return func(row []byte, q []int8, d, _ []float32) float32 { return f(row, q, d) }
}

var blockKernels = []blockKernel{
	{quant.Q8_0, withoutSums(dotQ8_0), withoutSums(dotQ8_0Generic)},
	{quant.Q4_0, withoutSums(dotQ4_0), withoutSums(dotQ4_0Generic)},
	{quant.Q5_0, withoutSums(dotQ5_0), withoutSums(dotQ5_0Generic)},
	{quant.Q4_1, dotQ4_1, dotQ4_1Generic},
	{quant.Q5_1, dotQ5_1, dotQ5_1Generic},
}

func TestBlockKernelsMatchReference(t *testing.T) {
	for _, k := range blockKernels {
		for _, nb := range blockCounts {
			t.Run(fmt.Sprintf("%s/blocks=%d", k.typ, nb), func(t *testing.T) {
				forEachLevel(t, func(t *testing.T) {
					r := rand.New(rand.NewPCG(uint64(k.typ), uint64(nb)))
					for range 20 {
						row := randomBlockRow(r, k.typ, nb)
						var in Input
						in.Set(randomFloats(r, nb*32), 1, nb*32)
						in.prepare(formQ8)
						want, mag := blockReference(t, k.typ, row, &in)
						got := k.dot(row, in.q8, in.d8, in.s8)
						plain := k.generic(row, in.q8, in.d8, in.s8)
						withinSumBound(t, got, plain, want, mag, nb+10)
					}
				})
			})
		}
	}
}

// blockReference returns the exact product of row with in's activations and
// the magnitude Σ|terms| of the kernel's sum. The weights and activations
// are dequantized by quant; for Q4_1 and Q5_1 the kernels multiply each
// block minimum m by Q8_1's sum s (the block's activation sum rounded to
// binary16), so m·Σx is replaced by m·s.
func blockReference(t *testing.T, typ quant.Type, row []byte, in *Input) (want, mag float64) {
	t.Helper()
	w := make([]float32, len(in.q8))
	if err := quant.Dequantize(typ, row, w); err != nil {
		t.Fatal(err)
	}
	x := q8Values(t, in)
	want, mag = dot64(w, x)
	if typ != quant.Q4_1 && typ != quant.Q5_1 {
		return want, mag
	}
	l, _ := quant.LayoutOf(typ)
	for b, s := range in.s8 {
		m := float64(quant.F16ToF32(uint16(row[b*l.BlockBytes+2]) | uint16(row[b*l.BlockBytes+3])<<8))
		var sum, abs float64
		for _, v := range x[b*32 : b*32+32] {
			sum += float64(v)
			abs += math.Abs(float64(v))
		}
		want += m*float64(s) - m*sum
		mag += math.Abs(m)*abs + math.Abs(m*float64(s))
	}
	return want, mag
}

// randomFloats returns n normal values with a few extremes mixed in.
func randomFloats(r *rand.Rand, n int) []float32 {
	x := make([]float32, n)
	for i := range x {
		x[i] = float32(r.NormFloat64())
		if r.IntN(50) == 0 {
			x[i] *= 100
		}
	}
	return x
}

// TestTileEqualsSingleVector checks that the four-vector kernels give each
// vector bit for bit what the one-vector kernels give (a batch must not
// change any vector's result), here for vectors 1-4 of a batch of 5.
func TestTileEqualsSingleVector(t *testing.T) {
	for _, nb := range blockCounts {
		t.Run(fmt.Sprintf("Q8_0/blocks=%d", nb), func(t *testing.T) {
			forEachLevel(t, func(t *testing.T) {
				r := rand.New(rand.NewPCG(9, uint64(nb)))
				c := nb * 32
				var in Input
				in.Set(randomFloats(r, 5*c), 5, c)
				in.prepare(formQ8)
				tile := rowTile(quant.Q8_0, &in)
				if tile == nil {
					t.Skip("no four-vector kernel at this level")
				}
				for range 10 {
					row := randomBlockRow(r, quant.Q8_0, nb)
					four := make([]float32, 4)
					tile(row, 1, four, 1)
					for k, got := range four {
						v := 1 + k
						want := dotQ8_0(row, in.q8[v*c:(v+1)*c], in.d8[v*nb:(v+1)*nb])
						if math.Float32bits(got) != math.Float32bits(want) {
							t.Fatalf("vector %d: four at once %g, alone %g", v, got, want)
						}
					}
				}
			})
		})
	}
}
