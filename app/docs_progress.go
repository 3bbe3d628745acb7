package app

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/hearth-app/hearth/memory/docsync"
	"golang.org/x/term"
)

// progressPrinter shows a sync's progress: a bar redrawn in place on a
// terminal, otherwise a plain line every few seconds.
type progressPrinter struct {
	w        io.Writer
	terminal bool
	last     time.Time
	drawn    bool
}

func newProgressPrinter(w io.Writer) *progressPrinter {
	f, ok := w.(*os.File)
	return &progressPrinter{w: w, terminal: ok && term.IsTerminal(int(f.Fd()))}
}

// every is how often progress is printed: often on a terminal, seldom
// in a log.
func (p *progressPrinter) every() time.Duration {
	if p.terminal {
		return 100 * time.Millisecond
	}
	return 2 * time.Second
}

func (p *progressPrinter) update(g docsync.Progress) {
	if time.Since(p.last) < p.every() && g.FilesDone < g.FilesTotal {
		return
	}
	p.last = time.Now()
	line := fmt.Sprintf("%d/%d files, %.1f/%.1f MB, %.0f files/s", g.FilesDone, g.FilesTotal,
		float64(g.BytesDone)/1e6, float64(g.BytesTotal)/1e6, g.FilesPerSecond())
	if left := g.Left(); left > 0 {
		line += fmt.Sprintf(", %s left", left.Round(time.Second))
	}
	if !p.terminal {
		fmt.Fprintf(p.w, "indexing: %s\n", line)
		return
	}
	const width = 30
	filled := 0
	if g.BytesTotal > 0 {
		filled = int(int64(width) * g.BytesDone / g.BytesTotal)
	}
	fmt.Fprintf(p.w, "\r[%s%s] %s\x1b[K", strings.Repeat("#", filled), strings.Repeat(" ", width-filled), line)
	p.drawn = true
}

// finish ends the bar's line.
func (p *progressPrinter) finish() {
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}
