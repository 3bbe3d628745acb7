//go:build amd64

package kernel

import "github.com/hearth-app/hearth/engine/quant"

// kTile returns the four-vector product for a K-quant type on CPUs with
// AVX-512 VNNI, else nil. Its results are bit for bit those of the
// AVX-512 one-vector kernels (dot_k_avx512_amd64.s), which the same CPUs
// run, so it is only offered when they are in use.
func kTile(typ quant.Type, in *Input) func(row []byte, t int, out []float32, stride int) {
	if !simd.Load().AVX2 || !simd.Load().AVX512 || !simd.Load().VNNI || in.Cols < 256 {
		return nil
	}
	var kernel func(row *byte, q *int8, d *float32, bs *int16, nb int, out *[4]float32)
	var size int
	switch typ {
	case quant.Q4_K:
		kernel, size = dotQ4_KVNNIx4, 144
	case quant.Q6_K:
		kernel, size = dotQ6_KVNNIx4, 210
	default:
		return nil
	}
	c, nb := in.Cols, in.Cols/256
	return func(row []byte, t int, out []float32, stride int) {
		q, d, bs := in.qk[t*c:(t+4)*c], in.dk[t*nb:(t+4)*nb], in.bsk[t*nb*16:(t+4)*nb*16]
		row = row[:nb*size]
		var four [4]float32
		kernel(&row[0], &q[0], &d[0], &bs[0], nb, &four)
		for k, v := range four {
			out[k*stride] = v
		}
	}
}

// The four-vector kernels read nb super-blocks of the row and, for each of
// four vectors stored one after another, nb*256 activations, nb scales and
// nb*16 sums; kTile's closure checks the lengths. They need AVX2, FMA, F16C
// and AVX-512 F, BW, VL and VNNI.

//go:noescape
func dotQ4_KVNNIx4(row *byte, q *int8, d *float32, bs *int16, nb int, out *[4]float32)

//go:noescape
func dotQ6_KVNNIx4(row *byte, q *int8, d *float32, bs *int16, nb int, out *[4]float32)
