package tokenizer

// symbol is a run of bytes of the text being merged, linked to its
// neighbours; n == 0 marks a symbol merged into its left neighbour.
type symbol struct {
	start, n   int32
	prev, next int32
}

// spmPair is a candidate merge of two adjacent symbols into a token of the
// given score; size is the merged length, to recognise stale candidates.
type spmPair struct {
	left, right int32
	score       float32
	size        int32
}

// spmBefore orders candidates: higher score first, then leftmost.
func spmBefore(a, b *spmPair) bool {
	return a.score > b.score || a.score == b.score && a.left < b.left
}

// spmSession is SentencePiece BPE over one piece of text: start from UTF-8
// characters and merge the adjacent pair that forms the best-scored token
// until none does.
type spmSession struct {
	v    *vocab
	text string
	syms []symbol
	q    queue[spmPair]
}

// encodeSPM appends the tokens of text, whose spaces are already "▁". The
// merges run over the whole text in llama.cpp; here the text is first cut
// where no token can ever span the cut (see spmCuts), and the chunks are
// merged one by one, with a cache for repeated chunks. The result is the
// same and the queues stay small.
func (t *Tokenizer) encodeSPM(dst []int32, text string) []int32 {
	s := &spmSession{v: t.v, q: queue[spmPair]{before: spmBefore}}
	cache := map[string][]int32{}
	start := 0
	for _, end := range t.spmCuts(text) {
		chunk := text[start:end]
		start = end
		if ids, ok := cache[chunk]; ok {
			dst = append(dst, ids...)
			continue
		}
		n := len(dst)
		dst = t.encodeChunk(dst, s, chunk)
		if len(cache) < maxCached {
			cache[chunk] = append([]int32(nil), dst[n:]...)
		}
	}
	return dst
}

// spmCuts returns the end offsets of the chunks of text: a chunk ends
// before every "▁" that follows a character no token has in front of a "▁".
// No merge can join two chunks, because the merged text would have to be a
// token holding that character before "▁".
func (t *Tokenizer) spmCuts(text string) []int {
	var ends []int
	prev := ""
	for off := 0; off < len(text); {
		n := min(seqLen(text[off]), len(text)-off)
		c := text[off : off+n]
		if c == "▁" && prev != "" && !t.beforeSpace[prev] {
			ends = append(ends, off)
		}
		prev = c
		off += n
	}
	return append(ends, len(text))
}

// encodeChunk runs the merges over one chunk.
func (t *Tokenizer) encodeChunk(dst []int32, s *spmSession, text string) []int32 {
	s.text = text
	s.syms = s.syms[:0]
	s.q.reset()
	s.split()
	for i := 1; i < len(s.syms); i++ {
		s.tryPair(int32(i-1), int32(i))
	}
	for s.q.len() > 0 {
		s.merge(s.q.pop())
	}
	for i := int32(0); i >= 0 && len(s.syms) > 0; i = s.syms[i].next {
		dst = t.spmEmit(dst, s.piece(i))
	}
	return dst
}

// split cuts the text into characters by their lead bytes (llama.cpp's
// unicode_len_utf8, which does not validate).
func (s *spmSession) split() {
	for off := 0; off < len(s.text); {
		n := min(seqLen(s.text[off]), len(s.text)-off)
		i := int32(len(s.syms))
		s.syms = append(s.syms, symbol{start: int32(off), n: int32(n), prev: i - 1, next: i + 1})
		off += n
	}
	if len(s.syms) > 0 {
		s.syms[len(s.syms)-1].next = -1
	}
}

func (s *spmSession) piece(i int32) string {
	sy := s.syms[i]
	return s.text[sy.start : sy.start+sy.n]
}

// tryPair queues the merge of symbols l and r if it forms a token.
func (s *spmSession) tryPair(l, r int32) {
	if l < 0 || r < 0 {
		return
	}
	a, b := s.syms[l], s.syms[r]
	id, ok := s.v.lookup(s.text[a.start : b.start+b.n])
	if !ok {
		return
	}
	s.q.push(spmPair{left: l, right: r, score: s.v.scores[id], size: a.n + b.n})
}

// merge applies a candidate unless one of its symbols changed since.
func (s *spmSession) merge(p spmPair) {
	l, r := &s.syms[p.left], &s.syms[p.right]
	if l.n == 0 || r.n == 0 || l.n+r.n != p.size {
		return
	}
	l.n += r.n
	r.n = 0
	l.next = r.next
	if r.next >= 0 {
		s.syms[r.next].prev = p.left
	}
	s.tryPair(l.prev, p.left)
	s.tryPair(p.left, l.next)
}

// spmEmit appends the token for a final symbol, or its bytes as byte tokens
// when the vocabulary lacks it (SentencePiece's byte fallback).
func (t *Tokenizer) spmEmit(dst []int32, piece string) []int32 {
	if id, ok := t.v.lookup(piece); ok {
		return append(dst, id)
	}
	for i := 0; i < len(piece); i++ {
		if id := t.byteIDs[piece[i]]; id != NoToken {
			dst = append(dst, id)
		}
	}
	return dst
}

// byteToken returns the token of a single byte: <0xXX>, else the byte itself
// as a one-byte token, else UNK (where llama.cpp would throw).
func (t *Tokenizer) byteToken(c byte) int32 {
	const hex = "0123456789ABCDEF"
	if id, ok := t.v.lookup(string([]byte{'<', '0', 'x', hex[c>>4], hex[c&15], '>'})); ok {
		return id
	}
	if id, ok := t.v.lookup(string([]byte{c})); ok {
		return id
	}
	return t.sp.unk
}
