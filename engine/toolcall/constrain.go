package toolcall

import (
	"math"
	"sort"
)

// Constraint restricts sampling, once a call has begun, to the tokens that
// keep the call's text a valid beginning in its Grammar. It is a token
// filter applied to the logits before sampling, as llama.cpp's lazy
// grammars are: triggered by the call's opening marker, off outside calls.
type Constraint struct {
	g      *Grammar
	pieces []string // the bytes each token adds; "" for tokens never allowed
	ends   map[int32]bool
	text   string  // the call's text since its opening marker
	after  bool    // between calls: only another call or the end may come
	order  []int32 // scratch: token ids by logit
}

// NewConstraint returns a constraint for grammar g over a vocabulary whose
// token i adds pieces[i] to the text; ends are the tokens that end
// generation. Tokens that may never appear inside a call (control tokens,
// end of generation) must have "".
func NewConstraint(g *Grammar, pieces []string, ends []int32) *Constraint {
	c := &Constraint{g: g, pieces: pieces, ends: map[int32]bool{}}
	for _, t := range ends {
		c.ends[t] = true
	}
	return c
}

// Start begins a call whose text so far (after the opening marker) is text.
func (c *Constraint) Start(text string) { c.text, c.after = text, false }

// StartAfter follows a finished call: as in llama.cpp, whose grammar ends
// with the calls, only whitespace, another call's opening marker or the
// end of generation may follow.
func (c *Constraint) StartAfter() { c.text, c.after = "", true }

// Accept adds the sampled token's bytes to the call's text.
func (c *Constraint) Accept(tok int32) {
	if int(tok) < len(c.pieces) {
		c.text += c.pieces[tok]
	}
}

// Allowed reports whether tok keeps the call valid.
func (c *Constraint) Allowed(tok int32) bool {
	if c.after && c.ends[tok] {
		return true
	}
	if tok < 0 || int(tok) >= len(c.pieces) || c.pieces[tok] == "" {
		return false
	}
	return c.validText(c.text + c.pieces[tok])
}

// validText checks text in the current mode: inside a call or between.
func (c *Constraint) validText(text string) bool {
	if c.after {
		return c.g.validBetween(text)
	}
	return c.g.Valid(text)
}

// Filter returns a copy of logits in which every token but the allowed
// ones is -Inf. Tokens are checked from the highest logit down, and the
// search stops after want allowed tokens (1 for greedy decoding: only the
// best allowed token matters; for sampling, as many as the sampler would
// consider). It reports false, leaving logits as they are, when no token
// is allowed.
func (c *Constraint) Filter(logits []float32, want int) ([]float32, bool) {
	want = max(want, 1)
	out := make([]float32, len(logits))
	for i := range out {
		out[i] = float32(math.Inf(-1))
	}
	best := argmax(logits)
	if want == 1 && c.Allowed(best) {
		out[best] = logits[best]
		return out, true
	}
	found := 0
	for _, tok := range c.byLogit(logits) {
		if c.Allowed(tok) {
			out[tok] = logits[tok]
			if found++; found == want {
				break
			}
		}
	}
	if found == 0 {
		return logits, false
	}
	return out, true
}

// byLogit returns the token ids that may be allowed, highest logit first:
// those whose first byte is allowed, and the ends between calls.
func (c *Constraint) byLogit(logits []float32) []int32 {
	var first [256]bool
	for b := range first {
		first[b] = c.validText(c.text + string([]byte{byte(b)}))
	}
	c.order = c.order[:0]
	for i := range min(len(logits), len(c.pieces)) {
		if p := c.pieces[i]; p != "" && first[p[0]] || c.after && c.ends[int32(i)] {
			c.order = append(c.order, int32(i))
		}
	}
	sort.SliceStable(c.order, func(a, b int) bool { return logits[c.order[a]] > logits[c.order[b]] })
	return c.order
}

// argmax returns the index of the largest logit, the lowest on ties.
func argmax(logits []float32) int32 {
	best := 0
	for i, v := range logits {
		if v > logits[best] {
			best = i
		}
	}
	return int32(best)
}
