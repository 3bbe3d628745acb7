package main

import (
	"runtime"
	"slices"
	"sync"
	"time"
)

// bandwidthBytes is the size of the buffer the probe reads: far larger than
// any cache, as a model's weights are.
const bandwidthBytes = 1 << 30

// memoryBandwidth measures how fast threads goroutines can read memory, in
// bytes per second: the median of rounds passes, each summing a 1 GiB buffer
// split between the goroutines.
func memoryBandwidth(threads, rounds int) float64 {
	buf := make([]uint64, bandwidthBytes/8)
	for i := range buf {
		buf[i] = uint64(i) // touch every page, so that reads hit memory
	}
	rates := make([]float64, rounds)
	sink := uint64(0)
	for r := range rates {
		start := time.Now()
		sink += sumParallel(buf, threads)
		rates[r] = bandwidthBytes / time.Since(start).Seconds()
	}
	runtime.KeepAlive(sink)
	slices.Sort(rates)
	return rates[len(rates)/2]
}

// sumParallel adds up buf in threads parts at once.
func sumParallel(buf []uint64, threads int) uint64 {
	sums := make([]uint64, threads)
	var wg sync.WaitGroup
	part := (len(buf) + threads - 1) / threads
	for t := range threads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sums[t] = sum(buf[min(t*part, len(buf)):min((t+1)*part, len(buf))])
		}()
	}
	wg.Wait()
	var total uint64
	for _, s := range sums {
		total += s
	}
	return total
}

// sum adds up x with eight independent accumulators, so that the loop is
// bound by memory rather than by the chain of additions.
func sum(x []uint64) uint64 {
	var a, b, c, d, e, f, g, h uint64
	i := 0
	for ; i+8 <= len(x); i += 8 {
		a += x[i]
		b += x[i+1]
		c += x[i+2]
		d += x[i+3]
		e += x[i+4]
		f += x[i+5]
		g += x[i+6]
		h += x[i+7]
	}
	for ; i < len(x); i++ {
		a += x[i]
	}
	return a + b + c + d + e + f + g + h
}
