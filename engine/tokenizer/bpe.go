package tokenizer

import "strings"

// bpeSymbol is a symbol of a word being merged, with the piece id of its
// text (NoToken when the text is neither a token nor a merge half).
type bpeSymbol struct {
	symbol
	piece int32
}

// bpePair is a candidate merge; ln and rn are the lengths of its halves when
// it was queued, to recognise stale candidates.
type bpePair struct {
	left, right int32
	rank        int32
	ln, rn      int32
}

// bpeBefore orders candidates: lowest rank first, then leftmost.
func bpeBefore(a, b *bpePair) bool {
	return a.rank < b.rank || a.rank == b.rank && a.left < b.left
}

// maxCached bounds the words an Encode call remembers: frequent words come
// early in natural text, and a small map stays fast where words never
// repeat.
const maxCached = 4096

// bpeSession encodes the words of one Encode call. It keeps the tokens of
// the words it has seen: BPE is a function of the word alone, and natural
// text repeats its words.
type bpeSession struct {
	t     *Tokenizer
	text  string // the byte-level word being merged
	syms  []bpeSymbol
	q     queue[bpePair]
	cache map[string][]int32
	utf8  []byte
	spell strings.Builder
}

func (t *Tokenizer) newBPESession() *bpeSession {
	return &bpeSession{t: t, q: queue[bpePair]{before: bpeBefore}, cache: map[string][]int32{}}
}

// encode appends the tokens of a raw text fragment: pre-tokenize it into
// words, spell each word in the byte-level alphabet, merge.
func (s *bpeSession) encode(dst []int32, text string) []int32 {
	ct := newCptText(text)
	start := 0
	for _, end := range s.t.pre.run(ct) {
		s.utf8 = s.utf8[:0]
		for _, r := range ct.cpts[start:end] {
			s.utf8 = appendCpt(s.utf8, r)
		}
		dst = s.cachedWord(dst)
		start = end
	}
	return dst
}

// cachedWord appends the tokens of the word in s.utf8.
func (s *bpeSession) cachedWord(dst []int32) []int32 {
	if ids, ok := s.cache[string(s.utf8)]; ok {
		return append(dst, ids...)
	}
	s.spell.Reset()
	appendByteLevel(&s.spell, s.utf8)
	n := len(dst)
	dst = s.encodeWord(dst, s.spell.String())
	if len(s.cache) < maxCached {
		s.cache[string(s.utf8)] = append([]int32(nil), dst[n:]...)
	}
	return dst
}

// encodeWord appends the tokens of one byte-level word.
func (s *bpeSession) encodeWord(dst []int32, word string) []int32 {
	if id, ok := s.t.v.lookup(word); ok && s.t.ignoreMerges {
		return append(dst, id)
	}
	if word == "" {
		return dst
	}
	s.text = word
	s.split()
	for i := 1; i < len(s.syms); i++ {
		s.tryPair(int32(i-1), int32(i))
	}
	for s.q.len() > 0 {
		s.merge(s.q.pop())
	}
	for i := range s.syms {
		if s.syms[i].n > 0 {
			dst = s.emit(dst, s.syms[i])
		}
	}
	return dst
}

// split cuts the word into characters.
func (s *bpeSession) split() {
	s.syms = s.syms[:0]
	s.q.reset()
	for off := 0; off < len(s.text); {
		n := min(seqLen(s.text[off]), len(s.text)-off)
		i := int32(len(s.syms))
		sy := symbol{start: int32(off), n: int32(n), prev: i - 1, next: i + 1}
		s.syms = append(s.syms, bpeSymbol{sy, s.pieceOf(sy)})
		off += n
	}
	s.syms[len(s.syms)-1].next = -1
}

func (s *bpeSession) textOf(sy symbol) string { return s.text[sy.start : sy.start+sy.n] }

func (s *bpeSession) pieceOf(sy symbol) int32 {
	id, ok := s.t.merges.piece(s.t.v, s.textOf(sy))
	if !ok {
		return NoToken
	}
	return id
}

// tryPair queues the merge of symbols l and r if the merges rank it.
func (s *bpeSession) tryPair(l, r int32) {
	if l < 0 || r < 0 {
		return
	}
	a, b := &s.syms[l], &s.syms[r]
	if a.piece == NoToken || b.piece == NoToken {
		return
	}
	if rank, ok := s.t.merges.rank(a.piece, b.piece); ok {
		s.q.push(bpePair{left: l, right: r, rank: rank, ln: a.n, rn: b.n})
	}
}

// merge applies a candidate unless one of its symbols changed since.
func (s *bpeSession) merge(p bpePair) {
	l, r := &s.syms[p.left], &s.syms[p.right]
	if l.n != p.ln || r.n != p.rn {
		return
	}
	l.n += r.n
	r.n = 0
	l.next = r.next
	if r.next >= 0 {
		s.syms[r.next].prev = p.left
	}
	l.piece = s.pieceOf(l.symbol)
	s.tryPair(l.prev, p.left)
	s.tryPair(p.left, l.next)
}

// emit appends the token of a final symbol; a symbol that is no token (the
// merges made something the vocabulary lacks) becomes the one-byte tokens
// of its bytes, where they exist.
func (s *bpeSession) emit(dst []int32, sy bpeSymbol) []int32 {
	if sy.piece != NoToken && int(sy.piece) < s.t.v.size() {
		return append(dst, sy.piece)
	}
	text := s.textOf(sy.symbol)
	for i := 0; i < len(text); i++ {
		if id := s.t.rawIDs[text[i]]; id != NoToken {
			dst = append(dst, id)
		}
	}
	return dst
}
