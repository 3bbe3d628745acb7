package kernel

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/hearth-app/hearth/engine/quant"
)

// kFeatureLevels returns the instruction-set levels this CPU can run, best
// first, ending with plain Go.
func kFeatureLevels() []Features {
	all := []Features{
		{AVX2: true, AVX512: true, VNNI: true},
		{AVX2: true, AVX512: true},
		{AVX2: true},
		{NEON: true, DotProd: true},
		{NEON: true},
		{},
	}
	hw := detectFeatures()
	var levels []Features
	for _, f := range all {
		if (f.AVX2 && !hw.AVX2) || (f.AVX512 && !hw.AVX512) || (f.VNNI && !hw.VNNI) || (f.NEON && !hw.NEON) || (f.DotProd && !hw.DotProd) {
			continue
		}
		levels = append(levels, f)
	}
	return levels
}

func kLevelName(f Features) string {
	switch {
	case f.VNNI:
		return "vnni"
	case f.AVX512:
		return "avx512"
	case f.AVX2:
		return "avx2"
	case f.DotProd:
		return "neondotprod"
	case f.NEON:
		return "neon"
	}
	return "go"
}

// q8kVector is one activation vector in Q8_K: the bytes ggml would hold and
// the slices the kernels read.
type q8kVector struct {
	raw []byte
	q   []int8
	d   []float32
	bs  []int16
}

// parseQ8K splits Q8_K blocks (d float32, 256 int8, 16 int16 sums).
func parseQ8K(raw []byte) q8kVector {
	nb := len(raw) / 292
	v := q8kVector{raw: raw, q: make([]int8, nb*256), d: make([]float32, nb), bs: make([]int16, nb*16)}
	for b := range nb {
		blk := raw[b*292 : b*292+292]
		v.d[b] = math.Float32frombits(binary.LittleEndian.Uint32(blk))
		for i := range 256 {
			v.q[b*256+i] = int8(blk[4+i])
		}
		for g := range 16 {
			v.bs[b*16+g] = int16(binary.LittleEndian.Uint16(blk[260+2*g:]))
		}
	}
	return v
}

// randomQ8K makes nb Q8_K blocks of arbitrary int8 values (including -128,
// which ggml's quantizer never makes) with consistent sums.
func randomQ8K(r *rand.Rand, nb int) []byte {
	raw := make([]byte, nb*292)
	for b := range nb {
		blk := raw[b*292 : b*292+292]
		binary.LittleEndian.PutUint32(blk, math.Float32bits(float32(r.NormFloat64()*0.01)))
		for g := range 16 {
			sum := 0
			for i := range 16 {
				v := int8(r.Uint32())
				blk[4+16*g+i] = byte(v)
				sum += int(v)
			}
			binary.LittleEndian.PutUint16(blk[260+2*g:], uint16(int16(sum)))
		}
	}
	return raw
}

// randomKRow makes nb super-blocks of random bytes of type t with sane f16
// scales (random signs and exponents around 2^-8).
func randomKRow(r *rand.Rand, t quant.Type, nb int) []byte {
	l, _ := quant.LayoutOf(t)
	row := make([]byte, nb*l.BlockBytes)
	for i := range row {
		row[i] = byte(r.Uint32())
	}
	f16 := func(b []byte) {
		binary.LittleEndian.PutUint16(b, quant.F32ToF16(float32(r.NormFloat64()*0x1p-8)))
	}
	for b := range nb {
		blk := row[b*l.BlockBytes:]
		if t == quant.Q6_K {
			f16(blk[208:])
		} else {
			f16(blk[0:])
			f16(blk[2:])
		}
	}
	return row
}

// kDotCase is one row and one activation vector.
type kDotCase struct {
	name string
	row  []byte
	x    q8kVector
}

func kDotCases(t *testing.T, typ quant.Type) []kDotCase {
	var cases []kDotCase
	for _, nb := range []int{1, 2, 3, 7, 16} {
		r := rand.New(rand.NewPCG(uint64(typ), uint64(nb)))
		w, err := quant.Quantize(typ, kRandomFloats(r, nb*256, 0.05))
		if err != nil {
			t.Fatal(err)
		}
		xq, err := quant.Quantize(quant.Q8_K, kRandomFloats(r, nb*256, 1))
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases,
			kDotCase{fmt.Sprintf("quantized/blocks=%d", nb), w, parseQ8K(xq)},
			kDotCase{fmt.Sprintf("random/blocks=%d", nb), randomKRow(r, typ, nb), parseQ8K(randomQ8K(r, nb))})
	}
	return cases
}

func kRandomFloats(r *rand.Rand, n int, scale float64) []float32 {
	x := make([]float32, n)
	for i := range x {
		x[i] = float32(r.NormFloat64() * scale)
	}
	return x
}

// kDot calls the dispatching product for typ at the current feature level.
func kDot(typ quant.Type, row []byte, x q8kVector) float32 {
	switch typ {
	case quant.Q4_K:
		return dotQ4_K(row, x.q, x.d, x.bs)
	case quant.Q5_K:
		return dotQ5_K(row, x.q, x.d, x.bs)
	}
	return dotQ6_K(row, x.q, x.d, x.bs)
}

// kDotGeneric calls the plain-Go product for typ.
func kDotGeneric(typ quant.Type, row []byte, x q8kVector) float32 {
	switch typ {
	case quant.Q4_K:
		return dotQ4_KGeneric(row, x.q, x.d, x.bs)
	case quant.Q5_K:
		return dotQ5_KGeneric(row, x.q, x.d, x.bs)
	}
	return dotQ6_KGeneric(row, x.q, x.d)
}

// kReference returns the product of the dequantized row and activations in
// float64, and the magnitude M that bounds rounding: Σ|w·x|, plus for Q4_K
// and Q5_K twice Σ|dmin·min·x| (w = dall·scale·q - dmin·min, and the
// kernels round the two terms separately before they cancel).
func kReference(t *testing.T, typ quant.Type, row []byte, x q8kVector) (want, mag float64) {
	n := len(x.q)
	wd, xd := make([]float32, n), make([]float32, n)
	if err := quant.Dequantize(typ, row, wd); err != nil {
		t.Fatal(err)
	}
	if err := quant.Dequantize(quant.Q8_K, x.raw, xd); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		want += float64(wd[i]) * float64(xd[i])
		mag += math.Abs(float64(wd[i]) * float64(xd[i]))
	}
	if typ == quant.Q6_K {
		return want, mag
	}
	l, _ := quant.LayoutOf(typ)
	for b := range n / 256 {
		blk := row[b*l.BlockBytes:]
		dmin := float64(f16At(blk[2:]))
		for j := range 8 {
			_, m := scaleMin(j, blk[4:16])
			for _, v := range xd[b*256+32*j : b*256+32*j+32] {
				mag += 2 * math.Abs(dmin*float64(m)*float64(v))
			}
		}
	}
	return want, mag
}

// TestKQuantDotAllLevels checks the K-quant row products at every feature
// level against the plain-Go kernels and against a float64 product of the
// dequantized row and activations.
//
// The integer sub-block sums are exact in every path, so the paths differ
// only in float32 rounding: the per-block scale products, the int32 to
// float32 conversion and the order of the additions (eight vector lanes
// and one horizontal sum, against one running sum in plain Go). Each of
// the nb+10 or fewer rounded operations on any term's way into the result
// adds a relative error of at most u = 2^-24 of at most M, so each path is
// within (nb+10)·u·M of the exact value, and two paths within twice that.
// The reference (float64 sum of float32 dequantized values, each rounded a
// few times) is within the same bound.
func TestKQuantDotAllLevels(t *testing.T) {
	defer UseSIMD(UseSIMD(Features{}))
	for _, typ := range []quant.Type{quant.Q4_K, quant.Q5_K, quant.Q6_K} {
		for _, c := range kDotCases(t, typ) {
			t.Run(typ.String()+"/"+c.name, func(t *testing.T) {
				nb := len(c.x.d)
				want, mag := kReference(t, typ, c.row, c.x)
				tol := 2 * float64(nb+10) * 0x1p-24 * mag
				UseSIMD(Features{})
				generic := kDotGeneric(typ, c.row, c.x)
				if math.Abs(float64(generic)-want) > tol {
					t.Fatalf("plain Go %g, reference %g (tolerance %g)", generic, want, tol)
				}
				for _, f := range kFeatureLevels() {
					UseSIMD(f)
					got := kDot(typ, c.row, c.x)
					if math.Abs(float64(got)-float64(generic)) > tol {
						t.Errorf("%s: %g, plain Go %g (tolerance %g)", kLevelName(f), got, generic, tol)
					}
					if math.Abs(float64(got)-want) > tol {
						t.Errorf("%s: %g, reference %g (tolerance %g)", kLevelName(f), got, want, tol)
					}
				}
			})
		}
	}
}

// BenchmarkKQuantRow times one 4096-value row product (16 super-blocks,
// in L1 cache) at each feature level: the kernels' arithmetic alone,
// without the memory traffic and threads of BenchmarkMatVec.
func BenchmarkKQuantRow(b *testing.B) {
	defer UseSIMD(UseSIMD(Features{}))
	r := rand.New(rand.NewPCG(5, 6))
	x, _ := quant.Quantize(quant.Q8_K, kRandomFloats(r, 4096, 1))
	v := parseQ8K(x)
	for _, typ := range []quant.Type{quant.Q4_K, quant.Q5_K, quant.Q6_K} {
		row, _ := quant.Quantize(typ, kRandomFloats(r, 4096, 0.05))
		for _, f := range kFeatureLevels() {
			b.Run(typ.String()+"/"+kLevelName(f), func(b *testing.B) {
				UseSIMD(f)
				b.SetBytes(int64(len(row)))
				for b.Loop() {
					kDot(typ, row, v)
				}
			})
		}
	}
}
