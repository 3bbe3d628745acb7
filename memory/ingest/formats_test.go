package ingest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// want is one expectation on a parsed document: the chunk holding text
// has this heading path (and page, when page > 0).
type want struct {
	text, heading string
	page          int
}

func checkWants(t *testing.T, res parsed, wants []want) {
	t.Helper()
	if res.out.Status != Indexed {
		t.Fatalf("outcome %+v, want indexed", res.out)
	}
	for _, w := range wants {
		c := res.find(t, w.text)
		if c.Heading != w.heading {
			t.Errorf("%q: heading %q, want %q", w.text, c.Heading, w.heading)
		}
		if w.page > 0 && c.Page != w.page {
			t.Errorf("%q: page %d, want %d", w.text, c.Page, w.page)
		}
	}
}

// pandocWants are the headings every converted sample must keep.
var pandocWants = []want{
	{text: "quokka smiles", heading: "Chapter One"},
	{text: "numbat eats termites", heading: "Chapter One > Section Alpha"},
	{text: "Zebra finches sing", heading: "Chapter Two > Section Beta"},
}

func TestParsePandocFormats(t *testing.T) {
	for _, ext := range []string{"docx", "odt", "epub", "html"} {
		t.Run(ext, func(t *testing.T) {
			res := parseFile(t, pandoc(t, t.TempDir(), ext))
			checkWants(t, res, pandocWants)
		})
	}
}

func TestParseMarkdown(t *testing.T) {
	dir := t.TempDir()
	md := sampleMarkdown + "\n```sh\n# not a heading\necho fenced\n```\n\nAfter the fence.\n"
	res := parseFile(t, write(t, dir, "notes.md", []byte(md)))
	checkWants(t, res, append(pandocWants, want{text: "After the fence", heading: "Chapter Two > Section Beta"}))
	if got := string(res.text); got != md {
		t.Errorf("extracted text differs from the Markdown file:\n%q\n%q", got, md)
	}
}

func TestParseHTMLDropsScripts(t *testing.T) {
	page := `<!doctype html><html><head><title>T</title><style>body{color:red}</style>
<script>var secret = "do not index";</script></head><body>
<h1>Top</h1><p>First   paragraph
text.</p><noscript>nojs</noscript><h2>Sub <em>part</em></h2><ul><li>one</li><li>two &amp; three</li></ul>
</body></html>`
	res := parseFile(t, write(t, t.TempDir(), "page.html", []byte(page)))
	checkWants(t, res, []want{{text: "First paragraph text.", heading: "Top"}, {text: "two & three", heading: "Top > Sub part"}})
	for _, bad := range []string{"secret", "color", "nojs"} {
		if strings.Contains(string(res.text), bad) {
			t.Errorf("extracted text holds %q from a script, style or noscript: %q", bad, string(res.text))
		}
	}
}

func TestParseCode(t *testing.T) {
	src := "package demo\n\nimport \"fmt\"\n\n// Hello greets.\n// It prints.\nfunc Hello() {\n\tfmt.Println(\"hi\")\n}\n\ntype Point struct {\n\tX, Y int\n}\n"
	res := parseFile(t, write(t, t.TempDir(), "demo.go", []byte(src)))
	checkWants(t, res, []want{
		{text: "package demo", heading: ""},
		{text: "// Hello greets.", heading: "func Hello()"},
		{text: "X, Y int", heading: "type Point struct"},
	})
	if got := string(res.text); got != src {
		t.Errorf("extracted text differs from the source file")
	}
}

func TestParseCSVRepeatsHeader(t *testing.T) {
	var b strings.Builder
	b.WriteString("name,city,animal\n")
	for i := 0; i < 200; i++ {
		b.WriteString("Ada,\"Perth, WA\",quokka number " + strings.Repeat("x", i%7) + "\n")
	}
	res := parseWith(t, write(t, t.TempDir(), "zoo.csv", []byte(b.String())), Options{ChunkSize: 400})
	if res.out.Status != Indexed || len(res.chunks) < 10 {
		t.Fatalf("outcome %+v with %d chunks, want indexed in many", res.out, len(res.chunks))
	}
	for i, c := range res.chunks {
		if !strings.HasPrefix(c.Text, "name | city | animal\n") || !strings.HasPrefix(c.Heading, "Rows ") {
			t.Fatalf("chunk %d (%s) does not start with the header: %q", i, c.Heading, c.Text)
		}
	}
	next := 2 // the groups cover rows 2 to 201, in order, each once
	for _, c := range res.chunks {
		var a, b int
		if _, err := fmt.Sscanf(c.Heading, "Rows %d-%d", &a, &b); err != nil || a != next || b < a {
			t.Fatalf("chunk under %q, want rows from %d", c.Heading, next)
		}
		if rows := strings.Count(c.Text, "\n"); rows != b-a+1 && rows != b-a+2 {
			t.Errorf("chunk %q holds %d lines for %d rows", c.Heading, rows, b-a+1)
		}
		next = b + 1
	}
	if next != 202 {
		t.Errorf("rows end at %d, want 201", next-1)
	}
}

func TestParsePDFPages(t *testing.T) {
	dir := t.TempDir()
	pdf := makePDF(t, dir, "pages.pdf", []string{"Alpha lemur on page one.", "Bravo tapir on page two.", "", "Delta okapi on page four."})
	res := parseWith(t, pdf, Options{ChunkSize: 16, Overlap: -1})
	checkWants(t, res, []want{{text: "Alpha", page: 1}, {text: "tapir", page: 2}, {text: "okapi", page: 4}})
}

func TestParseDebianPDF(t *testing.T) {
	const path = "/usr/share/doc/libtasn1-doc/libtasn1.pdf"
	res := parseFile(t, path)
	if res.out.Status == Failed && strings.Contains(res.out.Reason, "no longer exists") {
		t.Skipf("%s is not installed (libtasn1-doc)", path)
	}
	if res.out.Status != Indexed || len(res.chunks) < 20 {
		t.Fatalf("outcome %+v, %d chunks", res.out, len(res.chunks))
	}
	if c := res.find(t, "ASN.1"); c.Page < 1 {
		t.Errorf("chunk %+v has no page", c)
	}
}

func TestParseHTMLCharset(t *testing.T) {
	page := []byte("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\xe9 cr\xe8me</p></body></html>")
	res := parseFile(t, write(t, t.TempDir(), "latin1.html", page))
	res.find(t, "Café crème")
}

func TestParseEmail(t *testing.T) {
	dir := t.TempDir()
	res := parseFile(t, write(t, dir, "note.eml", []byte(sampleEmail)))
	checkWants(t, res, []want{
		{text: "From: Zoë <zoe@example.org>", heading: "Quarterly résumé"},
		{text: "pangolin budget grew by ten percent — see below.\n\n", heading: "Quarterly résumé"},
		{text: "Base64 wombat notes.", heading: "Quarterly résumé"},
	})
	for _, bad := range []string{"HTML copy", "attached secret"} {
		if strings.Contains(string(res.text), bad) {
			t.Errorf("extracted text holds %q (the HTML alternative or an attachment)", bad)
		}
	}
}

func TestParseMbox(t *testing.T) {
	box := "From a@b Mon Jan  1 00:00:00 2024\n" + sampleEmail + "\n" +
		"From c@d Tue Jan  2 00:00:00 2024\nSubject: Second letter\n\nThe okapi arrived.\n>From the zoo.\n\n" +
		"From e@f Wed Jan  3 00:00:00 2024\nSubject: Third letter\n\nGoodbye.\n"
	res := parseFile(t, write(t, t.TempDir(), "inbox.mbox", []byte(box)))
	checkWants(t, res, []want{
		{text: "pangolin budget", heading: "Quarterly résumé"},
		{text: "okapi arrived", heading: "Second letter"},
		{text: "Goodbye", heading: "Third letter"},
	})
	if strings.Contains(string(res.text), "From c@d") {
		t.Errorf("a separator line is in the text")
	}
}

func TestExtensions(t *testing.T) {
	exts := Extensions()
	for _, e := range []string{".md", ".pdf", ".docx", ".odt", ".epub", ".html", ".csv", ".go", ".eml", ".mbox"} {
		if !slices.Contains(exts, e) {
			t.Errorf("Extensions() lacks %s", e)
		}
	}
	if !slices.IsSorted(exts) {
		t.Error("Extensions() is not sorted")
	}
}
