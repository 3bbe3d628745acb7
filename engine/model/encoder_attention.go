package model

import "github.com/hearth-app/hearth/engine/kernel"

// queryBlock is how many queries of one text and head one attention job
// takes.
const queryBlock = 64

// span is the rows [lo, hi) of one text in a pass.
type span struct{ lo, hi int }

// seqsOf returns the spans of the texts of a pass from the per-row bounds.
func seqsOf(sc *encScratch, n int) []span {
	var out []span
	for t := 0; t < n; t = sc.end[t] {
		out = append(out, span{sc.start[t], sc.end[t]})
	}
	return out
}

// attention computes bidirectional multi-head attention of every row over
// the rows of its own text into att, in float32 as llama.cpp's cacheless
// path does. Keys and values are first transposed per text and head, so
// that scores and outputs are long vector operations rather than many
// products of one head's width.
func (e *Encoder) attention(pool *kernel.Pool, sc *encScratch, seqs []span) {
	heads := e.Config.Heads
	pool.For(len(seqs)*heads, 1, func(lo, hi int) {
		for j := lo; j < hi; j++ {
			e.transpose(sc, seqs[j/heads], j%heads)
		}
	})
	type job struct {
		s     span
		h, q0 int
		q1    int
	}
	var jobs []job
	longest := 0
	for _, s := range seqs {
		longest = max(longest, s.hi-s.lo)
		for h := range heads {
			for q := s.lo; q < s.hi; q += queryBlock {
				jobs = append(jobs, job{s, h, q, min(q+queryBlock, s.hi)})
			}
		}
	}
	threads := 1
	if pool != nil {
		threads = pool.Threads()
	}
	parts := min(len(jobs), 4*threads)
	scores := make([]float32, parts*longest)
	pool.For(parts, 1, func(lo, hi int) {
		for part := lo; part < hi; part++ {
			buf := scores[part*longest : (part+1)*longest]
			for _, j := range jobs[part*len(jobs)/parts : (part+1)*len(jobs)/parts] {
				for q := j.q0; q < j.q1; q++ {
					e.attend(sc, buf, j.s, j.h, q)
				}
			}
		}
	})
}

// headBlock returns the offset of text s's transposed block of head h in
// kt and vt: HeadDim rows of the text's length.
func (e *Encoder) headBlock(s span, h int) int {
	return s.lo*e.Config.Dim + h*e.Config.HeadDim*(s.hi-s.lo)
}

// transpose writes head h of the keys and values of text s as HeadDim rows
// of the text's length.
func (e *Encoder) transpose(sc *encScratch, s span, h int) {
	d, hd, n := e.Config.Dim, e.Config.HeadDim, s.hi-s.lo
	off := e.headBlock(s, h)
	for j := range n {
		src := (s.lo+j)*d + h*hd
		for c := range hd {
			sc.kt[off+c*n+j] = sc.k[src+c]
			sc.vt[off+c*n+j] = sc.v[src+c]
		}
	}
}

// attend computes head h of row q, a row of text s.
func (e *Encoder) attend(sc *encScratch, scores []float32, s span, h, q int) {
	d, hd, n := e.Config.Dim, e.Config.HeadDim, s.hi-s.lo
	off := e.headBlock(s, h)
	qv := sc.q[q*d+h*hd : q*d+(h+1)*hd]
	sc0 := scores[:n]
	clear(sc0)
	kernel.AxpyRows(sc0, qv, sc.kt[off:off+hd*n], n)
	for j := range sc0 {
		sc0[j] *= e.scale
	}
	softmax(sc0)
	o := sc.att[q*d+h*hd : q*d+(h+1)*hd]
	kernel.DotRows(o, sc0, sc.vt[off:off+hd*n], n)
}
