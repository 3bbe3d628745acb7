package kernel

// Products of one float32 vector with many rows of a Q8_0 cache, for
// attention with a quantized KV cache (llama.cpp's -ctk q8_0 -ctv q8_0).
// The cache holds Q8_0 blocks (a binary16 scale and 32 signed bytes, 34
// bytes in all) row after row; strides and offsets count values and are
// multiples of 32, so that every row starts on a block.

// Q8Bytes returns the bytes n values take as Q8_0 blocks (n a multiple of
// 32).
func Q8Bytes(n int) int { return n / 32 * 34 }

// QuantizeQ8 writes src as Q8_0 blocks into dst (Q8Bytes(len(src)) bytes),
// as ggml's CPU backend copies float32 values into a Q8_0 tensor: its x86
// quantize_row_q8_0, d = amax/127 stored as binary16 and the values rounded
// half to even from x·(127/amax). in is scratch, reused between calls.
func QuantizeQ8(dst []byte, src []float32, in *Input) {
	checkBlocks(len(src))
	in.Set(src, 1, len(src))
	in.prepare(formQ8)
	for b := range len(src) / 32 {
		blk := dst[b*34 : b*34+34]
		h := ToF16(in.d8[b]) // d8 holds the binary16 scale as float32
		blk[0], blk[1] = byte(h), byte(h>>8)
		for i, q := range in.q8[b*32 : b*32+32] {
			blk[2+i] = byte(q)
		}
	}
}

// DotQ8Rows sets dst[j] to (row j · x)·scale for j < len(dst), where row j
// is the len(x) values of cache starting at value j·stride+offset. As
// ggml's product with a Q8_0 matrix, x is first quantized to Q8_0 (with
// in as scratch) and the block products are summed in integers.
func DotQ8Rows(dst []float32, cache []byte, stride, offset int, x []float32, scale float32, in *Input) {
	n, hd := len(dst), len(x)
	if n == 0 {
		return
	}
	checkBlocks(hd, stride, offset)
	checkQ8Rows(cache, stride, offset, n, hd)
	in.Set(x, 1, hd)
	in.prepare(formQ8)
	q, d := in.q8[:hd], in.d8[:hd/32]
	rb := Q8Bytes(hd)
	for j := range dst {
		o := Q8Bytes(j*stride + offset)
		dst[j] = dotQ8_0(cache[o:o+rb], q, d) * scale
	}
}

// AxpyQ8Rows adds Σ w[j]·(row j) to dst, row by row in order of j, where
// row j is the len(dst) values of cache starting at value j·stride+offset:
// each row is dequantized to float32 (q·d) and added times w[j], as ggml's
// flash attention accumulates a quantized V in float32.
func AxpyQ8Rows(dst, w []float32, cache []byte, stride, offset int) {
	n, hd := len(w), len(dst)
	if n == 0 {
		return
	}
	checkBlocks(hd, stride, offset)
	checkQ8Rows(cache, stride, offset, n, hd)
	if axpyQ8Rows(dst, w, cache[Q8Bytes(offset):], Q8Bytes(stride)) {
		return
	}
	var row [32]float32
	for j, a := range w {
		o := Q8Bytes(j*stride + offset)
		for b := range hd / 32 {
			blk := cache[o+b*34 : o+b*34+34]
			d := f16At(blk)
			for i, q := range blk[2:34] {
				row[i] = float32(int8(q)) * d
			}
			axpyVec(dst[b*32:b*32+32], a, row[:])
		}
	}
}

// checkBlocks panics unless every count is a whole number of Q8_0 blocks.
func checkBlocks(counts ...int) {
	for _, c := range counts {
		if c < 0 || c%32 != 0 {
			panic("kernel: Q8_0 rows need counts that are multiples of 32")
		}
	}
}

// checkQ8Rows panics unless rows 0..n-1 of hd values lie inside cache.
func checkQ8Rows(cache []byte, stride, offset, n, hd int) {
	last := Q8Bytes((n-1)*stride + offset)
	_ = cache[last : last+Q8Bytes(hd)]
}
