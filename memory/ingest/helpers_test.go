package ingest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// sharedParser is one Parser for the whole test binary, so PDFium's
// WebAssembly is compiled once (and cached on disk between runs).
var sharedParser = sync.OnceValue(func() *Parser {
	return NewParser(Options{CacheDir: filepath.Join(os.TempDir(), "hearth-ingest-test-wazero")})
})

// parsed is what one Parse gave.
type parsed struct {
	out    Outcome
	chunks []Chunk
	text   []rune // the whole extracted text
}

// parseWith parses path with opts (sharing the test binary's PDF engine)
// and checks the chunks' promises whatever the outcome.
func parseWith(t testing.TB, path string, opts Options) parsed {
	t.Helper()
	var text strings.Builder
	p := &Parser{opts: opts.withDefaults(), pdf: sharedParser().pdf}
	p = p.Extracting(&text)
	var res parsed
	res.out = p.Parse(context.Background(), path, func(c Chunk) error { res.chunks = append(res.chunks, c); return nil })
	res.text = []rune(text.String())
	if res.out.Status == Indexed {
		checkChunks(t, res.chunks, res.text, p.opts.ChunkSize)
	}
	return res
}

// parseFile parses path with the default options.
func parseFile(t testing.TB, path string) parsed {
	t.Helper()
	return parseWith(t, path, Options{})
}

// find returns the first chunk containing s, failing the test if none does.
func (p parsed) find(t testing.TB, s string) Chunk {
	t.Helper()
	for _, c := range p.chunks {
		if strings.Contains(c.Text, s) {
			return c
		}
	}
	t.Fatalf("no chunk holds %q; outcome %+v, chunks %+v", s, p.out, p.chunks)
	return Chunk{}
}

// write writes data to name in dir and returns its path.
func write(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// tool returns the path of a program the test needs, skipping the test
// when it is missing (`make test-deps` installs it).
func tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s is not installed (make test-deps installs it)", name)
	}
	return p
}

// run runs a program, failing the test with its output on error.
func run(t testing.TB, dir string, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(tool(t, name), args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// sampleMarkdown is the document pandoc turns into DOCX, ODT, EPUB and
// HTML for the tests.
const sampleMarkdown = `# Chapter One

The quokka smiles at visitors on Rottnest Island.

## Section Alpha

Marsupials carry their young in a pouch. The numbat eats termites.

# Chapter Two

## Section Beta

Zebra finches sing learned songs to their mates.
`

// pandoc converts sampleMarkdown to ext (docx, odt, epub, html) in dir.
func pandoc(t testing.TB, dir, ext string) string {
	t.Helper()
	md := write(t, dir, "sample.md", []byte(sampleMarkdown))
	out := filepath.Join(dir, "sample."+ext)
	args := []string{md, "-o", out}
	if ext == "html" || ext == "epub" {
		args = append(args, "--standalone", "--metadata", "title=Animals")
	}
	run(t, dir, "pandoc", args...)
	return out
}

// postscriptPages is a PostScript program with one line of text on each
// page, page i+1 showing pages[i] (an empty string draws a box instead).
func postscriptPages(pages []string) string {
	var b strings.Builder
	b.WriteString("%!PS\n/Helvetica findfont 14 scalefont setfont\n")
	for _, p := range pages {
		if p == "" {
			b.WriteString("newpath 72 72 moveto 300 300 lineto 72 300 lineto closepath fill\nshowpage\n")
			continue
		}
		b.WriteString("72 700 moveto (" + p + ") show\nshowpage\n")
	}
	return b.String()
}

// makePDF writes a PDF with the given page texts via ghostscript's ps2pdf.
func makePDF(t testing.TB, dir, name string, pages []string) string {
	t.Helper()
	ps := write(t, dir, name+".ps", []byte(postscriptPages(pages)))
	out := filepath.Join(dir, name)
	run(t, dir, "ps2pdf", ps, out)
	return out
}
