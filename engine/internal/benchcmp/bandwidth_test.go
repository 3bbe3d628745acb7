package main

import "testing"

func TestSumParallel(t *testing.T) {
	buf := make([]uint64, 1003)
	var want uint64
	for i := range buf {
		buf[i] = uint64(i * i)
		want += buf[i]
	}
	for _, threads := range []int{1, 2, 3, 7} {
		if got := sumParallel(buf, threads); got != want {
			t.Errorf("%d threads: sum %d, want %d", threads, got, want)
		}
	}
}
