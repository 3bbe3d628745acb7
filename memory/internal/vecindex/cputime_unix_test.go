//go:build unix

package vecindex

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time (user and system) the process has used,
// so benchmarks on a shared, loaded machine can report work done rather
// than time waited.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
