package app

import (
	"os"
	"runtime/debug"
)

// indexingMemoryLimit is the soft memory ceiling of a `hearth docs add`
// run. Indexing keeps the growing search index in memory and makes much
// short-lived garbage (parsed text, analysed terms); with Go's default
// pacing the heap grows to twice what is live before a collection, which
// on Debian's documentation (an index of 230 MB) meant 0.9–1.3 GB of
// memory. A soft limit makes the collector run as the heap nears it
// instead; it is a ceiling for pacing only, never a cause of failure:
// past it the runtime spends more time collecting and goes on. Since the
// store spills its index while indexing (memory/RATIONALE.md), the live
// heap stays near 100–200 MB and the Go runtime's share of the peak is
// this limit; it is not lower because a run that deletes loads the whole
// index (240 MB there) under it.
const indexingMemoryLimit = 320 << 20

// softMemoryLimit sets limit as the process's soft memory limit, unless
// the person set one with GOMEMLIMIT, and returns what restores the
// previous one.
func softMemoryLimit(limit int64) (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	old := debug.SetMemoryLimit(limit)
	return func() { debug.SetMemoryLimit(old) }
}
