//go:build !unix

package vecindex

import "time"

// cpuTime is not measured off Unix; benchmarks report 0.
func cpuTime() time.Duration { return 0 }
