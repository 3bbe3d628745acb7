package vecindex

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// fill appends n random unit-ish vectors straight as codes: the scan
// costs the same whatever the codes, and building 1M vectors through Put
// would take longer than the benchmark.
func fill(x *Index, n int, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 1))
	x.codes = slices.Grow(x.codes, n*x.dim)
	scale := float32(1 / (127 * math.Sqrt(float64(x.dim)) / 3))
	for range n {
		id := int64(len(x.ids))
		x.slot[id] = int32(len(x.ids))
		x.ids = append(x.ids, id)
		x.scales = append(x.scales, scale)
		for range x.dim {
			x.codes = append(x.codes, int8(r.IntN(255)-127))
		}
	}
}

// BenchmarkSearch is top-10 search over 100k and 1M chunks of 384 and 768
// dimensions; run with -cpu 1,2 to see the parallel scan. It reports the
// median wall time (p50-ms), the CPU time per search summed over cores
// (cpu-ms/op: what the search costs when the machine is not shared) and
// the index's memory (MB) besides ns/op.
//
//	go test -run NONE -bench Search -benchtime 20x -cpu 1,2 ./memory/internal/vecindex/
func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		for _, dim := range []int{384, 768} {
			b.Run(fmt.Sprintf("n=%dk/dim=%d", n/1000, dim), func(b *testing.B) {
				x, _ := New(dim)
				fill(x, n, uint64(dim))
				q := make([]float32, dim)
				r := rand.New(rand.NewPCG(9, 9))
				for i := range q {
					q[i] = float32(r.NormFloat64())
				}
				var took []time.Duration
				b.ResetTimer()
				cpu0 := cpuTime()
				for b.Loop() {
					start := time.Now()
					if _, err := x.Search(context.Background(), q, 10); err != nil {
						b.Fatal(err)
					}
					took = append(took, time.Since(start))
				}
				cpu := cpuTime() - cpu0
				slices.Sort(took)
				b.ReportMetric(float64(cpu.Microseconds())/1000/float64(len(took)), "cpu-ms/op")
				b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
				b.ReportMetric(float64(x.Bytes())/1e6, "MB")
			})
		}
	}
}

// unrolledDot is dot with eight accumulators, kept to measure against.
func unrolledDot(a, b []int8) int32 {
	b = b[:len(a)]
	var s0, s1, s2, s3, s4, s5, s6, s7 int32
	i := 0
	for ; i+8 <= len(a); i += 8 {
		aa, bb := a[i:i+8:i+8], b[i:i+8:i+8]
		s0 += int32(aa[0]) * int32(bb[0])
		s1 += int32(aa[1]) * int32(bb[1])
		s2 += int32(aa[2]) * int32(bb[2])
		s3 += int32(aa[3]) * int32(bb[3])
		s4 += int32(aa[4]) * int32(bb[4])
		s5 += int32(aa[5]) * int32(bb[5])
		s6 += int32(aa[6]) * int32(bb[6])
		s7 += int32(aa[7]) * int32(bb[7])
	}
	for ; i < len(a); i++ {
		s0 += int32(a[i]) * int32(b[i])
	}
	return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7
}

// BenchmarkDot compares dot with an eight-accumulator unrolling on 768
// components.
func BenchmarkDot(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 5))
	x, y := make([]int8, 768), make([]int8, 768)
	for i := range x {
		x[i], y[i] = int8(r.IntN(255)-127), int8(r.IntN(255)-127)
	}
	var sink int32
	b.Run("plain", func(b *testing.B) {
		for b.Loop() {
			sink += dot(x, y)
		}
	})
	b.Run("unrolled8", func(b *testing.B) {
		for b.Loop() {
			sink += unrolledDot(x, y)
		}
	})
	if dot(x, y) != unrolledDot(x, y) {
		b.Fatal("dot and unrolledDot disagree")
	}
	_ = sink
}
