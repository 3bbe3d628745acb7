//go:build !amd64

package kernel

// quantizeQ8Fast has no SIMD kernel here: quantizeQ8 does the blocks itself.
func (in *Input) quantizeQ8Fast(lo, hi int) bool { return false }
