package tokenizer

// cptText is a text fragment as code points (decoded the lenient way
// llama.cpp decodes) with their flags: the input of the pre-tokenizers.
type cptText struct {
	cpts  []rune
	flags []cptFlags
}

func newCptText(s string) *cptText {
	c := &cptText{cpts: decodeCpts(make([]rune, 0, len(s)), s)}
	c.flags = make([]cptFlags, len(c.cpts))
	for i, r := range c.cpts {
		c.flags[i] = flagsOf(r)
	}
	return c
}

// splitter is one stage of a pre-tokenizer: it cuts the segment
// cpts[start:end] into pieces and appends their end offsets to ends.
type splitter interface {
	split(ends []int, c *cptText, start, end int) []int
}

// pipeline is a pre-tokenizer: each stage re-cuts every piece the previous
// stages produced, as llama.cpp applies its list of regexes.
type pipeline []splitter

// run returns the end offsets of the pieces of c.
func (p pipeline) run(c *cptText) []int {
	ends := []int{len(c.cpts)}
	if len(c.cpts) == 0 {
		return nil
	}
	var next []int
	for _, s := range p {
		next = next[:0]
		start := 0
		for _, end := range ends {
			next = s.split(next, c, start, end)
			start = end
		}
		ends, next = next, ends
	}
	return ends
}

// seg is a segment being split; outside it code points read as -1 and flags
// as 0, so that look-ahead stops at its end as a regex would.
type seg struct {
	c          *cptText
	start, end int
}

func (s seg) cpt(i int) rune {
	if i >= s.start && i < s.end {
		return s.c.cpts[i]
	}
	return -1
}

func (s seg) flags(i int) cptFlags {
	if i >= s.start && i < s.end {
		return s.c.flags[i]
	}
	return 0
}

// runEnd returns the first position from i whose flags lack all of want.
func (s seg) runEnd(i int, want cptFlags) int {
	for s.flags(i)&want != 0 {
		i++
	}
	return i
}

// pieceFunc returns the end of the piece that starts at pos.
type pieceFunc func(s seg, pos int) int

// scanner splits a segment into consecutive pieces, each found by a
// pieceFunc; llama.cpp's hand-written splitters (gpt2, llama3, qwen2) work
// this way.
type scanner struct{ next pieceFunc }

func (sc scanner) split(ends []int, c *cptText, start, end int) []int {
	s := seg{c, start, end}
	for pos := start; pos < end; {
		pos = sc.next(s, pos)
		ends = append(ends, pos)
	}
	return ends
}
