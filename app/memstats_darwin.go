//go:build darwin

package app

import "golang.org/x/sys/unix"

// memoryStats returns total RAM in bytes; macOS does not report a simple
// "available" figure, so free is 0 (unknown).
func memoryStats() (total, free uint64) {
	total, _ = unix.SysctlUint64("hw.memsize")
	return total, 0
}
