package embedded

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/hearth-app/hearth/engine"
)

// Overflow says what Embed does with a text longer than the model's
// context.
type Overflow int

const (
	// OverflowError refuses the request with an error wrapping
	// engine.ErrContextFull.
	OverflowError Overflow = iota
	// OverflowTruncate embeds the text's first tokens that fit (the
	// model's special tokens kept at both ends).
	OverflowTruncate
	// OverflowSplit embeds each part of the text that fits and returns the
	// normalized mean of the parts' vectors.
	OverflowSplit
)

// EmbedOptions configure Model.Embed.
type EmbedOptions struct {
	Overflow Overflow
	// Threads, when positive, sets the number of threads.
	Threads int
}

// Embed returns one unit-length vector per text. Texts are tokenized as
// llama.cpp's embedding context tokenizes them: special tokens in the text
// are plain text, and the vocabulary's own (BERT's [CLS] and [SEP], an EOS
// the model asks for) are added. Several texts are computed in each pass.
func (m *Model) Embed(ctx context.Context, texts []string, opts EmbedOptions) ([][]float32, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return nil, fmt.Errorf("embed: %w", ErrClosed)
	}
	if m.emb == nil {
		return nil, fmt.Errorf("embed: %s: %w", m.info.Name, m.embErr)
	}
	m.usePool(opts.Threads)
	limit := m.embedContext()
	var seqs [][]int32
	var owner []int // text of each sequence
	for i, text := range texts {
		parts, err := m.embedTokens(text, limit, opts.Overflow)
		if err != nil {
			return nil, fmt.Errorf("embed: text %d: %w", i, err)
		}
		for _, p := range parts {
			seqs = append(seqs, p)
			owner = append(owner, i)
		}
	}
	vecs, err := m.emb.Embed(ctx, m.pool, seqs)
	if err != nil {
		return nil, err
	}
	return mergeParts(vecs, owner, len(texts)), nil
}

// embedContext is the most tokens one embedded text may have: the model's
// trained context, or Options.ContextSize when smaller.
func (m *Model) embedContext() int {
	c := m.emb.ContextLength()
	if m.opts.ContextSize > 0 {
		c = min(c, m.opts.ContextSize)
	}
	return c
}

// embedTokens tokenizes text into one sequence, or several when it is
// longer than limit and overflow allows.
func (m *Model) embedTokens(text string, limit int, overflow Overflow) ([][]int32, error) {
	full := m.tok.Encode(text, true, false)
	if len(full) <= limit {
		return [][]int32{full}, nil
	}
	if overflow == OverflowError {
		return nil, fmt.Errorf("%d tokens, the model's context holds %d: %w", len(full), limit, engine.ErrContextFull)
	}
	body := m.tok.Encode(text, false, false)
	pre := 0
	if len(full) > len(body) && !slices.Equal(full[:len(body)], body) {
		pre = 1
	}
	head, tail := full[:pre], full[pre+len(body):]
	room := limit - len(head) - len(tail)
	if room <= 0 {
		return nil, fmt.Errorf("a context of %d tokens leaves no room for text", limit)
	}
	var parts [][]int32
	for start := 0; start < len(body); start += room {
		p := append(append(slices.Clone(head), body[start:min(start+room, len(body))]...), tail...)
		parts = append(parts, p)
		if overflow == OverflowTruncate {
			break
		}
	}
	return parts, nil
}

// mergeParts returns one vector per text: its only part's, or the
// normalized mean of its parts'.
func mergeParts(vecs [][]float32, owner []int, texts int) [][]float32 {
	out := make([][]float32, texts)
	count := make([]int, texts)
	for i, v := range vecs {
		o := owner[i]
		count[o]++
		if out[o] == nil {
			out[o] = v
			continue
		}
		for j := range v {
			out[o][j] += v[j]
		}
	}
	for o, v := range out {
		if count[o] > 1 {
			normalize(v)
		}
	}
	return out
}

// normalize scales v to unit length (a zero vector stays zero).
func normalize(v []float32) {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if sum == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(sum))
	for i := range v {
		v[i] *= inv
	}
}
