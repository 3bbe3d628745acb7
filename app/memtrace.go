package app

import (
	"bufio"
	"fmt"
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"strings"
	"time"
)

// memTraceEnv names a file to which a `docs add` run appends, once a
// second, where its memory is: the Go runtime's own classes and the
// kernel's view of the process (resident, anonymous, file-backed). A heap
// profile is written beside it (FILE.heap) each time the live heap
// reaches a new high by 8 MiB. For measuring memory, not for users: it is
// an environment variable, not a flag, and off unless set.
const memTraceEnv = "HEARTH_MEMTRACE"

// memTraceMetrics are the runtime metrics a trace line shows.
var memTraceMetrics = []string{
	"/memory/classes/total:bytes",
	"/memory/classes/heap/objects:bytes",
	"/memory/classes/heap/free:bytes",
	"/memory/classes/heap/released:bytes",
	"/memory/classes/heap/unused:bytes",
	"/gc/heap/live:bytes",
	"/gc/heap/goal:bytes",
}

// startMemTrace starts tracing when HEARTH_MEMTRACE is set and returns
// what stops it.
func startMemTrace() (stop func()) {
	path := os.Getenv(memTraceEnv)
	if path == "" {
		return func() {}
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		defer f.Close()
		t := memTracer{path: path, w: f, began: time.Now()}
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			t.sample()
			select {
			case <-done:
				t.sample()
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}

type memTracer struct {
	path  string
	w     *os.File
	began time.Time
	high  uint64 // live heap at the last profile
}

func (t *memTracer) sample() {
	s := make([]metrics.Sample, len(memTraceMetrics))
	for i, name := range memTraceMetrics {
		s[i].Name = name
	}
	metrics.Read(s)
	var b strings.Builder
	fmt.Fprintf(&b, "t=%.0f", time.Since(t.began).Seconds())
	for _, m := range s {
		if m.Value.Kind() == metrics.KindUint64 {
			name := strings.TrimSuffix(strings.TrimPrefix(m.Name, "/memory/classes/"), ":bytes")
			fmt.Fprintf(&b, " %s=%d", name, m.Value.Uint64()>>20)
		}
	}
	b.WriteString(procStatus())
	fmt.Fprintln(t.w, b.String())
	live := s[5].Value.Uint64()
	if live > t.high+8<<20 {
		t.high = live
		if p, err := os.Create(t.path + ".heap"); err == nil {
			_ = pprof.Lookup("heap").WriteTo(p, 0)
			p.Close()
		}
	}
}

// procStatus returns the kernel's memory counters of this process, in MiB.
func procStatus() string {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return ""
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || (k != "VmRSS" && k != "VmHWM" && k != "RssAnon" && k != "RssFile") {
			continue
		}
		var kb uint64
		fmt.Sscanf(strings.TrimSpace(v), "%d", &kb)
		fmt.Fprintf(&b, " %s=%d", k, kb>>10)
	}
	return b.String()
}
