package model

import (
	"math"
	"slices"

	"github.com/hearth-app/hearth/engine/kernel"
)

// moeScratch holds the activations of a mixture-of-experts block.
type moeScratch struct {
	probs  []float32 // n·Experts router probabilities
	chosen []int     // n·ExpertsUsed experts, best first
	weight []float32 // n·ExpertsUsed their normalized weights
	slots  []float32 // n·ExpertsUsed·Dim each chosen expert's weighted output
	rows   []int     // tokens routed to the expert at hand, and their slots
	x      []float32 // those tokens' normed rows
	gate   []float32
	up     []float32
	out    []float32
	in     kernel.Input
}

// moe runs the mixture of experts over the n normed rows in s.s.in (sc.xn)
// and writes its output into s.s.o, as llama.cpp's build_moe_ffn does for a
// softmax router with renormalized weights: each token's expert outputs are
// weighted, then summed best expert first. Each expert runs once per batch,
// over the rows routed to it, so an expert no token chose is never read.
func (s *Session) moe(ly *layer, n int) error {
	c, sc := s.m.Config, &s.s
	ms := &sc.moe
	ne, k := c.Experts, c.ExpertsUsed
	ms.probs = growF(ms.probs, n*ne)
	if err := kernel.MatMul(s.pool, ly.router, &sc.in, ms.probs); err != nil {
		return err
	}
	ms.chosen = slices.Grow(ms.chosen[:0], n*k)[:n*k]
	ms.weight = growF(ms.weight, n*k)
	renorm := c.fam.block.expertNorm
	for t := range n {
		if s.observeRoute != nil {
			s.observeRoute(len(s.tokens)+t, routeMargin(ms.probs[t*ne:(t+1)*ne], k))
		}
		route(ms.probs[t*ne:(t+1)*ne], ms.chosen[t*k:(t+1)*k], ms.weight[t*k:(t+1)*k], renorm)
	}
	ms.slots = growF(ms.slots, n*k*c.Dim)
	for e := range ne {
		if err := s.expert(ly, e, n); err != nil {
			return err
		}
	}
	for t := range n {
		o := sc.o[t*c.Dim : (t+1)*c.Dim]
		copy(o, ms.slots[t*k*c.Dim:(t*k+1)*c.Dim])
		for j := 1; j < k; j++ {
			kernel.Add(o, ms.slots[(t*k+j)*c.Dim:(t*k+j+1)*c.Dim])
		}
	}
	if ly.shGateIn.Data != nil {
		return s.sharedExpert(ly, n)
	}
	return nil
}

// sharedExpert adds qwen2moe's shared expert to s.s.o: a SwiGLU block over
// the n normed rows in s.s.in, each output row scaled by the sigmoid of the
// row's gate logit, computed as llama.cpp does, silu(g)/g.
func (s *Session) sharedExpert(ly *layer, n int) error {
	c, sc := s.m.Config, &s.s
	ms := &sc.moe
	f, d := c.SharedFFN, c.Dim
	ms.gate, ms.up, ms.out = growF(ms.gate, n*f), growF(ms.up, n*f), growF(ms.out, n*d)
	ms.probs = growF(ms.probs, n)
	for _, p := range []struct {
		m   kernel.Matrix
		out []float32
	}{{ly.shGateIn, ms.probs}, {ly.shGate, ms.gate}, {ly.shUp, ms.up}} {
		if err := kernel.MatMul(s.pool, p.m, &sc.in, p.out); err != nil {
			return err
		}
	}
	kernel.SwiGLU(ms.gate, ms.gate, ms.up)
	ms.in.Set(ms.gate, n, f)
	if err := kernel.MatMul(s.pool, ly.shDown, &ms.in, ms.out); err != nil {
		return err
	}
	for t := range n {
		g := ms.probs[t]
		gate := g / (1 + float32(math.Exp(float64(-g)))) / g
		o := sc.o[t*d : (t+1)*d]
		for i, v := range ms.out[t*d : (t+1)*d] {
			o[i] += v * gate
		}
	}
	return nil
}

// routeMargin returns, for one token's router logits, how far the softmax
// probability of the k-th best expert lies above the next one's: how close
// the choice came to another set of experts.
func routeMargin(logits []float32, k int) float32 {
	p := slices.Clone(logits)
	kernel.Softmax(p)
	slices.Sort(p)
	if k >= len(p) {
		return float32(math.Inf(1))
	}
	return p[len(p)-k] - p[len(p)-k-1]
}

// route turns one token's router logits into probabilities (softmax) and
// picks the len(chosen) most probable experts, best first, with their
// probabilities as weights; with renorm, divided by their sum (summed in
// float64 and kept at least binary16's smallest normal, as ggml's sum_rows
// and clamp do).
func route(probs []float32, chosen []int, weight []float32, renorm bool) {
	kernel.Softmax(probs)
	for j := range chosen {
		best := -1
		for e, p := range probs {
			if slices.Contains(chosen[:j], e) {
				continue
			}
			if best < 0 || p > probs[best] {
				best = e
			}
		}
		chosen[j] = best
	}
	var sum float64
	for j, e := range chosen {
		weight[j] = probs[e]
		sum += float64(probs[e])
	}
	if !renorm {
		return
	}
	total := max(float32(sum), 6.103515625e-5)
	for j := range weight {
		weight[j] /= total
	}
}

// expert runs expert e over the rows routed to it and writes each one's
// weighted output into its slot.
func (s *Session) expert(ly *layer, e, n int) error {
	c, sc := s.m.Config, &s.s
	ms := &sc.moe
	k, d, f := c.ExpertsUsed, c.Dim, c.ExpertFFN
	ms.rows = ms.rows[:0]
	for i, x := range ms.chosen[:n*k] {
		if x == e {
			ms.rows = append(ms.rows, i) // token i/k, slot i%k
		}
	}
	m := len(ms.rows)
	if m == 0 {
		return nil
	}
	ms.x = growF(ms.x, m*d)
	for r, i := range ms.rows {
		t := i / k
		copy(ms.x[r*d:(r+1)*d], sc.xn[t*d:(t+1)*d])
	}
	ms.gate, ms.up, ms.out = growF(ms.gate, m*f), growF(ms.up, m*f), growF(ms.out, m*d)
	ms.in.Set(ms.x, m, d)
	if err := kernel.MatMul(s.pool, ly.gateExps[e], &ms.in, ms.gate); err != nil {
		return err
	}
	if err := kernel.MatMul(s.pool, ly.upExps[e], &ms.in, ms.up); err != nil {
		return err
	}
	kernel.SwiGLU(ms.gate, ms.gate, ms.up)
	ms.in.Set(ms.gate, m, f)
	if err := kernel.MatMul(s.pool, ly.downExps[e], &ms.in, ms.out); err != nil {
		return err
	}
	for r, i := range ms.rows {
		w, dst := ms.weight[i], ms.slots[i*d:(i+1)*d]
		for j, v := range ms.out[r*d : (r+1)*d] {
			dst[j] = v * w
		}
	}
	return nil
}
