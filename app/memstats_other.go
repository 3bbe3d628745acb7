//go:build !linux && !darwin

package app

// memoryStats returns 0, 0 (unknown) where Hearth has no way to ask yet.
func memoryStats() (total, free uint64) { return 0, 0 }
