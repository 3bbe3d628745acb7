package embedded

import (
	"github.com/hearth-app/hearth/engine/tokenizer"
	"github.com/hearth-app/hearth/engine/toolcall"
)

// constrainedCandidates is how many allowed tokens the constraint looks
// for when sampling with no top-k: more than min-p and top-p keep in
// practice once a call has begun.
const constrainedCandidates = 64

// constrain returns the logits to sample from: inside a tool call, only
// the tokens that keep the call valid for its tool's schema. Outside calls,
// or when no token would keep it valid, the logits as they are.
func (g *generation) constrain() []float32 {
	c := g.calls
	if c == nil || c.grammar == nil {
		return g.logits
	}
	inCall := c.parser.InCall()
	if !inCall && c.calls == 0 {
		return g.logits
	}
	if c.constraint == nil {
		c.constraint = toolcall.NewConstraint(c.grammar, tokenPieces(g.m.tok, c.markers), endTokens(g.m.tok))
	}
	switch {
	case inCall && !c.active:
		c.constraint.Start(c.parser.Body())
		c.active = true
	case !inCall && c.active:
		c.constraint.StartAfter()
		c.active = false
	case !inCall && c.calls > 0 && !c.between:
		c.constraint.StartAfter()
	}
	c.between = !inCall
	want := constrainedCandidates
	switch {
	case g.opts.Temperature <= 0:
		want = 1
	case g.opts.TopK > 0:
		want = g.opts.TopK
	}
	logits, _ := c.constraint.Filter(g.logits, want)
	return logits
}

// accepted records the sampled token in the call under way.
func (g *generation) accepted(tok int32) {
	if c := g.calls; c != nil && c.constraint != nil {
		c.constraint.Accept(tok)
	}
}

// endTokens returns the tokens that end generation.
func endTokens(tok *tokenizer.Tokenizer) []int32 {
	var ends []int32
	for id := range int32(tok.Size()) {
		if tok.IsEOG(id) {
			ends = append(ends, id)
		}
	}
	return ends
}

// tokenPieces returns the bytes each token adds to the answer, "" for the
// tokens a call may not hold: control tokens (but the format's markers),
// end of generation, unknown.
func tokenPieces(tok *tokenizer.Tokenizer, markers map[int32]string) []string {
	pieces := make([]string, tok.Size())
	for id := range int32(len(pieces)) {
		if tok.IsControl(id) || tok.IsEOG(id) || id == tok.UNK() {
			pieces[id] = markers[id]
			continue
		}
		pieces[id] = tok.Piece(id)
	}
	return pieces
}
