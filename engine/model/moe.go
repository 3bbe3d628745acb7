package model

import (
	"math"
	"slices"

	"github.com/hearth-app/hearth/engine/kernel"
)

// moeScratch holds the activations of a mixture-of-experts block. A slot
// is one token's choice of one expert: slot i is token i/ExpertsUsed's
// (i%ExpertsUsed)-th best expert. The experts' rows are kept in slot order
// sorted by expert, so that each expert's rows lie side by side.
type moeScratch struct {
	probs  []float32 // n·Experts router probabilities
	chosen []int     // n·ExpertsUsed experts, best first
	weight []float32 // n·ExpertsUsed their normalized weights
	order  []int     // the slots sorted by expert (and by token within one)
	first  []int     // Experts+1: expert e's slots are order[first[e]:first[e+1]]
	at     []int     // n·ExpertsUsed where each slot sits in order
	x      []float32 // n·ExpertsUsed·Dim the slots' normed rows, in order
	gate   []float32 // n·ExpertsUsed·ExpertFFN (the shared expert's: n·SharedFFN)
	up     []float32
	out    []float32        // n·ExpertsUsed·Dim each slot's weighted expert output, in order
	ins    []kernel.Input   // per expert: its rows of x, then of gate
	set    []kernel.Product // the experts' products, run as one set
	in     kernel.Input
}

// moe runs the mixture of experts over the n normed rows in s.s.in (sc.xn)
// and writes its output into s.s.o, as llama.cpp's build_moe_ffn does for a
// softmax router with renormalized weights: each token's expert outputs are
// weighted, then summed best expert first. Each expert runs once per batch,
// over the rows routed to it, so an expert no token chose is never read;
// the chosen experts' products are handed to the threads as one set.
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
	ms.sortSlots(n*k, ne)
	if err := s.experts(ly, n); err != nil {
		return err
	}
	d := c.Dim
	for t := range n {
		o := sc.o[t*d : (t+1)*d]
		copy(o, ms.out[ms.at[t*k]*d:(ms.at[t*k]+1)*d])
		for j := 1; j < k; j++ {
			p := ms.at[t*k+j]
			kernel.Add(o, ms.out[p*d:(p+1)*d])
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
	ms.set = append(ms.set[:0],
		kernel.Product{M: ly.shGateIn, In: &sc.in, Out: ms.probs},
		kernel.Product{M: ly.shGate, In: &sc.in, Out: ms.gate},
		kernel.Product{M: ly.shUp, In: &sc.in, Out: ms.up})
	if err := kernel.Products(s.pool, ms.set); err != nil {
		return err
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

// sortSlots orders the slots by expert with a counting sort: order, first
// and at (see moeScratch).
func (ms *moeScratch) sortSlots(slots, experts int) {
	ms.first = slices.Grow(ms.first[:0], experts+1)[:experts+1]
	clear(ms.first)
	for _, e := range ms.chosen[:slots] {
		ms.first[e+1]++
	}
	for e := range experts {
		ms.first[e+1] += ms.first[e]
	}
	ms.order = slices.Grow(ms.order[:0], slots)[:slots]
	ms.at = slices.Grow(ms.at[:0], slots)[:slots]
	next := slices.Clone(ms.first[:experts]) // small: one per expert
	for i, e := range ms.chosen[:slots] {
		ms.order[next[e]], ms.at[i] = i, next[e]
		next[e]++
	}
}

// experts runs every chosen expert over the rows routed to it, as two sets
// of products (all gate and up projections, then all down projections), and
// leaves each slot's weighted output in ms.out, in slot order.
func (s *Session) experts(ly *layer, n int) error {
	c, sc := s.m.Config, &s.s
	ms := &sc.moe
	k, d, f, ne := c.ExpertsUsed, c.Dim, c.ExpertFFN, c.Experts
	slots := n * k
	if n > 1 {
		ms.x = growF(ms.x, slots*d)
		for p, i := range ms.order {
			t := i / k
			copy(ms.x[p*d:(p+1)*d], sc.xn[t*d:(t+1)*d])
		}
	}
	ms.gate, ms.up, ms.out = growF(ms.gate, slots*f), growF(ms.up, slots*f), growF(ms.out, slots*d)
	if len(ms.ins) < ne {
		ms.ins = make([]kernel.Input, ne)
	}
	ms.set = ms.set[:0]
	for e := range ne {
		lo, hi := ms.first[e], ms.first[e+1]
		if lo == hi {
			continue
		}
		in := &sc.in // decoding: every expert takes the one token's row
		if n > 1 {
			in = &ms.ins[e]
			in.Set(ms.x[lo*d:hi*d], hi-lo, d)
		}
		ms.set = append(ms.set,
			kernel.Product{M: ly.gateExps[e], In: in, Out: ms.gate[lo*f : hi*f]},
			kernel.Product{M: ly.upExps[e], In: in, Out: ms.up[lo*f : hi*f]})
	}
	if err := kernel.Products(s.pool, ms.set); err != nil {
		return err
	}
	kernel.SwiGLU(ms.gate, ms.gate, ms.up)
	ms.set = ms.set[:0]
	for e := range ne {
		lo, hi := ms.first[e], ms.first[e+1]
		if lo == hi {
			continue
		}
		in := &ms.ins[e]
		in.Set(ms.gate[lo*f:hi*f], hi-lo, f)
		ms.set = append(ms.set, kernel.Product{M: ly.downExps[e], In: in, Out: ms.out[lo*d : hi*d]})
	}
	if err := kernel.Products(s.pool, ms.set); err != nil {
		return err
	}
	for p, i := range ms.order {
		scaleBy(ms.out[p*d:(p+1)*d], ms.weight[i])
	}
	return nil
}
