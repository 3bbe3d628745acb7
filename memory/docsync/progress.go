package docsync

import "time"

// Progress is how far a Sync has come through the files it reads.
// Unchanged files are not counted: they cost nothing.
type Progress struct {
	FilesDone  int           `json:"files_done"`
	FilesTotal int           `json:"files_total"`
	BytesDone  int64         `json:"bytes_done"`
	BytesTotal int64         `json:"bytes_total"`
	Elapsed    time.Duration `json:"elapsed"`
}

// FilesPerSecond is the rate so far.
func (p Progress) FilesPerSecond() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return float64(p.FilesDone) / p.Elapsed.Seconds()
}

// Left estimates the time left from the bytes read so far; 0 until a
// couple of seconds give a fair rate.
func (p Progress) Left() time.Duration {
	if p.Elapsed < 2*time.Second || p.BytesDone <= 0 || p.BytesDone >= p.BytesTotal {
		return 0
	}
	return time.Duration(float64(p.Elapsed) * float64(p.BytesTotal-p.BytesDone) / float64(p.BytesDone))
}

// progress accumulates a run's Progress; the run's mutex guards it.
type progress struct {
	p     Progress
	began time.Time
}

func (g *progress) start(files int, todo []entry) {
	g.began = time.Now()
	g.p = Progress{FilesTotal: files}
	for _, e := range todo {
		g.p.BytesTotal += e.size
	}
}

func (g *progress) add(bytes int64) Progress {
	g.p.FilesDone++
	g.p.BytesDone += bytes
	g.p.Elapsed = time.Since(g.began)
	return g.p
}
