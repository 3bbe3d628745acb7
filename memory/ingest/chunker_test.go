package ingest

import (
	"strings"
	"testing"
	"unicode"
)

// block is one piece of text fed to the chunker in a test.
type block struct {
	text, heading string
	page          int
}

// chunkAll feeds blocks to a chunker and returns the chunks and the whole
// extracted text.
func chunkAll(t testing.TB, opts Options, blocks []block) ([]Chunk, []rune) {
	t.Helper()
	var out []Chunk
	var whole strings.Builder
	opts.Extracted = &whole
	c := newChunker(opts.withDefaults(), func(ch Chunk) error { out = append(out, ch); return nil })
	for _, b := range blocks {
		if err := c.add(b.text, b.page, b.heading); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.flush(); err != nil {
		t.Fatal(err)
	}
	return out, []rune(whole.String())
}

// checkChunks asserts the chunker's promises: each chunk's text is
// extracted[Start:End], chunks come in order, none is longer than size or
// empty or padded with space, and every non-space character is in one.
func checkChunks(t testing.TB, chunks []Chunk, text []rune, size int) {
	t.Helper()
	covered := 0
	prevStart := -1
	for i, c := range chunks {
		if c.Start < 0 || c.End > len(text) || c.Start >= c.End {
			t.Fatalf("chunk %d: range [%d,%d) outside [0,%d)", i, c.Start, c.End, len(text))
		}
		if got := string(text[c.Start:c.End]); got != c.Text {
			t.Fatalf("chunk %d: extracted[%d:%d] = %q, chunk text %q", i, c.Start, c.End, got, c.Text)
		}
		if n := c.End - c.Start; n > size {
			t.Fatalf("chunk %d: %d characters, more than %d", i, n, size)
		}
		r := []rune(c.Text)
		if unicode.IsSpace(r[0]) || unicode.IsSpace(r[len(r)-1]) {
			t.Fatalf("chunk %d: %q is not trimmed", i, c.Text)
		}
		if c.Start <= prevStart {
			t.Fatalf("chunk %d starts at %d, not after the previous start %d", i, c.Start, prevStart)
		}
		for j := covered; j < c.Start; j++ {
			if !unicode.IsSpace(text[j]) {
				t.Fatalf("character %d (%q) is in no chunk", j, text[j])
			}
		}
		prevStart, covered = c.Start, max(covered, c.End)
	}
	for j := covered; j < len(text); j++ {
		if !unicode.IsSpace(text[j]) {
			t.Fatalf("character %d (%q) after the last chunk is in no chunk", j, text[j])
		}
	}
}

func TestChunkerBreaks(t *testing.T) {
	para := strings.Repeat("Word after word makes a sentence. ", 10) // 340 characters
	tests := []struct {
		name   string
		blocks []block
		want   []string // the start of each chunk's text
	}{
		{"paragraphs", []block{{text: para + "\n\n" + para + "\n\n" + para}}, []string{"Word", "Word", "Word"}},
		{"headings end chunks", []block{{text: "# A\nalpha", heading: "A"}, {text: "\n## B\nbeta", heading: "A > B"}}, []string{"# A", "## B"}},
		{"no text", []block{{text: " \n\n\t "}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			chunks, text := chunkAll(t, Options{ChunkSize: 500, Overlap: -1}, tt.blocks)
			checkChunks(t, chunks, text, 500)
			if len(chunks) != len(tt.want) {
				t.Fatalf("got %d chunks %+v, want %d", len(chunks), chunks, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(chunks[i].Text, w) {
					t.Errorf("chunk %d = %q, want it to start with %q", i, chunks[i].Text, w)
				}
			}
		})
	}
}

func TestChunkerPrefersParagraphs(t *testing.T) {
	para := strings.Repeat("Word after word makes a sentence. ", 10)
	chunks, text := chunkAll(t, Options{ChunkSize: 800, Overlap: -1}, []block{{text: para + "\n\n" + para + "\n\n" + para}})
	checkChunks(t, chunks, text, 800)
	// Two paragraphs (682 characters with the break) fit; the cut falls at the blank line.
	if len(chunks) != 2 || strings.Count(chunks[0].Text, "\n\n") != 1 || !strings.Contains(string(text[chunks[0].End:chunks[1].Start]), "\n\n") {
		t.Fatalf("chunks = %+v, want a cut at the second blank line", chunks)
	}
}

func TestChunkerPagesAndOverlap(t *testing.T) {
	var blocks []block
	for p := 1; p <= 5; p++ {
		blocks = append(blocks, block{text: strings.Repeat("Page text goes here. ", 20) + "\n\n", page: p})
	}
	chunks, text := chunkAll(t, Options{ChunkSize: 300, Overlap: 60}, blocks)
	checkChunks(t, chunks, text, 300)
	if len(chunks) != 10 {
		t.Fatalf("got %d chunks, want 2 on each of 5 pages", len(chunks))
	}
	for i, c := range chunks {
		want := c.Start/422 + 1 // each page is 422 characters with its break
		if c.Page != want || (c.End-1)/422+1 != want {
			t.Errorf("chunk %d [%d,%d): page %d, want all of it on page %d", i, c.Start, c.End, c.Page, want)
		}
		if i%2 == 1 && c.Start >= chunks[i-1].End {
			t.Errorf("chunk %d starts at %d, after the previous end %d: no overlap within a page", i, c.Start, chunks[i-1].End)
		}
	}
}

func TestChunkerHardCut(t *testing.T) {
	chunks, text := chunkAll(t, Options{ChunkSize: 100}, []block{{text: strings.Repeat("x", 1050)}})
	checkChunks(t, chunks, text, 100)
	if len(chunks) != 11 {
		t.Fatalf("got %d chunks, want 11 hard cuts", len(chunks))
	}
}

func FuzzChunker(f *testing.F) {
	f.Add("Hello world. This is a test.\n\nAnother paragraph here!", "H", 20, 5, 3)
	f.Add("日本語の文章。もう一つ。\n改行", "", 16, 4, 1)
	f.Add("a\xffb\r\n\r\nc", "x > y", 17, 0, 2)
	f.Fuzz(func(t *testing.T, s, heading string, size, overlap, parts int) {
		size = 16 + abs(size)%300
		parts = 1 + abs(parts)%8
		var blocks []block
		r := []rune(s)
		for i := 0; i < parts; i++ {
			piece := string(r[len(r)*i/parts : len(r)*(i+1)/parts])
			h := heading
			if i%3 == 2 {
				h = ""
			}
			blocks = append(blocks, block{text: piece, heading: h, page: i / 2})
		}
		chunks, text := chunkAll(t, Options{ChunkSize: size, Overlap: overlap}, blocks)
		checkChunks(t, chunks, text, size)
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
