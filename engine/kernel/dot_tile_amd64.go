//go:build amd64

package kernel

import "github.com/hearth-app/hearth/engine/quant"

// rowTile returns the product of one row with four consecutive vectors of in
// (t to t+3) in one call, for the types and CPUs that have such a kernel,
// else nil; in must be prepared for typ. The result for vector t+k goes to
// out[k*stride]. Each is bit for bit what the one-vector product gives, so a
// batch gives each vector what it would get alone.
func rowTile(typ quant.Type, in *Input) func(row []byte, t int, out []float32, stride int) {
	switch typ {
	case quant.Q8_0:
	case quant.Q5_0:
		return q5Tile(in)
	case quant.F16:
		return f16Tile(in)
	case quant.Q4_K, quant.Q6_K:
		return kTile(typ, in)
	default:
		return nil
	}
	if !simd.Load().AVX2 || !simd.Load().VNNI || in.Cols < 32 {
		return nil
	}
	c, nb := in.Cols, in.Cols/32
	q8, d8 := in.q8, in.d8
	return func(row []byte, t int, out []float32, stride int) {
		q, d := q8[t*c:(t+4)*c], d8[t*nb:(t+4)*nb]
		_ = row[nb*34-1]
		var four [4]float32
		dotQ8_0VNNIx4(&row[0], &q[0], &d[0], nb, &four)
		out[0], out[stride], out[2*stride], out[3*stride] = four[0], four[1], four[2], four[3]
	}
}

// dotQ8_0VNNIx4 multiplies a Q8_0 row of nb ≥ 1 blocks with four vectors
// of Q8_0 activations stored one after another (nb·32 bytes and nb scales
// each). It needs AVX2, FMA, F16C and AVX-512 F, BW, VL and VNNI.
//
//go:noescape
func dotQ8_0VNNIx4(row *byte, q *int8, d *float32, nb int, out *[4]float32)

// q5Tile is rowTile for Q5_0 rows: the AVX-512 VNNI four-vector kernel, or
// nil below that level.
func q5Tile(in *Input) func(row []byte, t int, out []float32, stride int) {
	if !simd.Load().AVX2 || !simd.Load().VNNI || in.Cols < 32 {
		return nil
	}
	c, nb := in.Cols, in.Cols/32
	return func(row []byte, t int, out []float32, stride int) {
		q, d := in.q8[t*c:(t+4)*c], in.d8[t*nb:(t+4)*nb]
		row = row[:nb*22]
		var four [4]float32
		dotQ5_0VNNIx4(&row[0], &q[0], &d[0], nb, &four)
		for k, v := range four {
			out[k*stride] = v
		}
	}
}

// dotQ5_0VNNIx4 multiplies a Q5_0 row of nb ≥ 1 blocks with four vectors
// of Q8_0 activations stored one after another (nb·32 bytes and nb scales
// each), each result bit for bit dotQ5_0VNNI's. It needs AVX2, FMA, F16C
// and AVX-512 F, BW, VL and VNNI.
//
//go:noescape
func dotQ5_0VNNIx4(row *byte, q *int8, d *float32, nb int, out *[4]float32)
