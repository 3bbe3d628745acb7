package tokenizer

import (
	"fmt"
	"strconv"
)

// vocab is the token table: text, attributes and score of every id, and the
// reverse map from text to id.
type vocab struct {
	texts  []string
	types  []TokenType
	attrs  []attr
	scores []float32
	ids    map[string]int32
	maxLen int // longest token text, in bytes
}

// loadVocab reads tokens, scores and token types from md.
func loadVocab(md Metadata) (*vocab, error) {
	texts, ok := md.Strings(keyTokens)
	if !ok || len(texts) == 0 {
		return nil, fmt.Errorf("%w: %s", ErrMissing, keyTokens)
	}
	n := len(texts)
	v := &vocab{texts: make([]string, n), ids: make(map[string]int32, n)}
	for i, s := range texts {
		if s == "" { // llama.cpp names empty tokens so that they stay distinct
			s = "[EMPTY_" + strconv.Itoa(i) + "]"
		}
		v.texts[i] = s
		v.ids[s] = int32(i) // the last of duplicate texts wins, as in llama.cpp
		v.maxLen = max(v.maxLen, len(s))
	}
	if err := v.loadScores(md); err != nil {
		return nil, err
	}
	if err := v.loadTypes(md); err != nil {
		return nil, err
	}
	return v, nil
}

// loadScores reads the piece scores; a missing list means all zero.
func (v *vocab) loadScores(md Metadata) error {
	v.scores = make([]float32, len(v.texts))
	fs, ok := md.Floats(keyScores)
	if !ok {
		fs, ok = intScores(md)
	}
	if !ok {
		return nil
	}
	if len(fs) < len(v.texts) {
		return fmt.Errorf("%w: %d scores for %d tokens", ErrInvalid, len(fs), len(v.texts))
	}
	copy(v.scores, fs)
	return nil
}

// intScores reads scores stored as integers, which llama.cpp also accepts.
func intScores(md Metadata) ([]float32, bool) {
	is, ok := md.Ints(keyScores)
	if !ok {
		return nil, false
	}
	fs := make([]float32, len(is))
	for i, x := range is {
		fs[i] = float32(x)
	}
	return fs, true
}

// loadTypes reads the token types; a missing list means all normal.
func (v *vocab) loadTypes(md Metadata) error {
	n := len(v.texts)
	v.types = make([]TokenType, n)
	v.attrs = make([]attr, n)
	ts, ok := md.Ints(keyTypes)
	if ok && len(ts) < n {
		return fmt.Errorf("%w: %d token types for %d tokens", ErrInvalid, len(ts), n)
	}
	for i := range n {
		t := TypeNormal
		if ok {
			t = TokenType(ts[i])
		}
		v.types[i] = t
		v.attrs[i] = attrOf(t)
	}
	return nil
}

// size is the number of tokens.
func (v *vocab) size() int { return len(v.texts) }

// valid reports whether id is in the vocabulary.
func (v *vocab) valid(id int32) bool { return id >= 0 && int(id) < len(v.texts) }

// lookup returns the id of a token text.
func (v *vocab) lookup(s string) (int32, bool) {
	id, ok := v.ids[s]
	return id, ok
}
