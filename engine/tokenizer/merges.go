package tokenizer

import (
	"fmt"
	"strings"
)

// mergeTable ranks the BPE merges: the pair (left, right) of piece ids
// merges with priority rank (lower first). Pieces are token ids, or ids
// past the vocabulary for merge halves that are not tokens.
type mergeTable struct {
	extra map[string]int32
	ranks *pairTable
}

// loadMerges reads tokenizer.ggml.merges ("left right" per line, in rank
// order; the first of duplicate pairs wins).
func (t *Tokenizer) loadMerges(md Metadata) error {
	lines, ok := md.Strings(keyMerges)
	if !ok {
		return fmt.Errorf("%w: %s", ErrMissing, keyMerges)
	}
	m := &mergeTable{extra: map[string]int32{}, ranks: newPairTable(len(lines))}
	for rank, line := range lines {
		sp := strings.IndexByte(line[min(1, len(line)):], ' ')
		if sp < 0 {
			continue // llama.cpp files such a line under the pair ("", "")
		}
		sp += min(1, len(line))
		m.ranks.add(pairKey(m.intern(t.v, line[:sp]), m.intern(t.v, line[sp+1:])), int32(rank))
	}
	t.merges = m
	return nil
}

// intern returns the piece id of s, allocating one past the vocabulary for
// a string that is not a token.
func (m *mergeTable) intern(v *vocab, s string) int32 {
	if id, ok := m.piece(v, s); ok {
		return id
	}
	id := int32(v.size() + len(m.extra))
	m.extra[s] = id
	return id
}

// piece returns the piece id of s, if s is a token or a merge half.
func (m *mergeTable) piece(v *vocab, s string) (int32, bool) {
	if id, ok := v.ids[s]; ok {
		return id, true
	}
	if len(m.extra) == 0 {
		return 0, false
	}
	id, ok := m.extra[s]
	return id, ok
}

// rank returns the rank of merging pieces a and b.
func (m *mergeTable) rank(a, b int32) (int32, bool) {
	return m.ranks.get(pairKey(a, b))
}

func pairKey(a, b int32) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }
