//go:build !linux

package bench

// peakRSS returns 0 (unknown) where Hearth has no way to ask yet.
func peakRSS() uint64 { return 0 }
