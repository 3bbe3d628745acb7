package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fuzzParse runs the parser for kind on data, unguarded so that a panic
// fails the fuzz run, and checks the chunks' promises when it succeeds.
func fuzzParse(t *testing.T, kind format, ext string, data []byte) {
	path := filepath.Join(t.TempDir(), "doc"+ext)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var text strings.Builder
	opts := Options{ChunkSize: 64, Overlap: 8, Extracted: &text, Timeout: 10 * time.Second}.withDefaults()
	var chunks []Chunk
	c := newChunker(opts, func(ch Chunk) error { chunks = append(chunks, ch); return nil })
	p := &Parser{opts: opts, pdf: sharedParser().pdf}
	ctx, cancel := context.WithTimeout(context.Background(), opts.Timeout)
	defer cancel()
	err = p.parseFormat(ctx, kind, f, int64(len(data)), c)
	if err == nil {
		err = c.flush()
	}
	if err == nil {
		checkChunks(t, chunks, []rune(text.String()), opts.ChunkSize)
	}
	_ = failed(err) // every error must turn into an Outcome
}

func FuzzText(f *testing.F) {
	f.Add([]byte("Hello.\n\nWorld! Again?\r\n\r\nEnd"))
	f.Add([]byte("\xff\xfe broken \xe6\x97 utf8\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, formatText, ".txt", data) })
}

func FuzzMarkdown(f *testing.F) {
	f.Add([]byte(sampleMarkdown))
	f.Add([]byte("```\n# in fence\n```\n## Real ##\ntext\n#nospace\n   ### three\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, formatMarkdown, ".md", data) })
}

func FuzzCode(f *testing.F) {
	f.Add([]byte("package x\n// doc\nfunc A() {}\n\nclass B:\n    def c(self): pass\n@decor\ndef d(): pass\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, formatCode, ".py", data) })
}

func FuzzHTML(f *testing.F) {
	f.Add([]byte("<html><head><script>x</script></head><body><h1>A<b>b</b></h1><p>t &amp; u<br>v</p><h3>C</h3><table><tr><td>1<td>2</table></body></html>"))
	f.Add([]byte("<h2><h1>nested</h2></h1><style>"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, formatHTML, ".html", data) })
}

func FuzzCSV(f *testing.F) {
	f.Add([]byte("a,b\n1,\"two, too\"\n3,4,5\n\"open"))
	f.Add([]byte("only header\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, formatCSV, ".csv", data) })
}

func FuzzDOCX(f *testing.F) {
	f.Add(zipOf(f, map[string][]byte{"word/document.xml": []byte(`<w:document xmlns:w="` + wordNS + `"><w:body><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Title</w:t></w:r></w:p><w:p><w:r><w:t>Body</w:t><w:tab/><w:t>text</w:t></w:r></w:p></w:body></w:document>`)}))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, formatDOCX, ".docx", data) })
}

func FuzzODT(f *testing.F) {
	f.Add(zipOf(f, map[string][]byte{"content.xml": []byte(`<office:document-content xmlns:office="` + odfOfficeNS + `" xmlns:text="` + odfTextNS + `"><office:body><office:text><text:h text:outline-level="2">Head</text:h><text:p>a<text:s text:c="3"/>b<text:tab/>c</text:p></office:text></office:body></office:document-content>`)}))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, formatODT, ".odt", data) })
}

func FuzzEPUB(f *testing.F) {
	f.Add(zipOf(f, map[string][]byte{
		"META-INF/container.xml": []byte(`<container><rootfiles><rootfile full-path="OEBPS/book.opf"/></rootfiles></container>`),
		"OEBPS/book.opf":         []byte(`<package><manifest><item id="c1" href="ch%201.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c1"/></spine></package>`),
		"OEBPS/ch 1.xhtml":       []byte(`<html><body><h1>One</h1><p>Text of chapter one.</p></body></html>`),
	}))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, formatEPUB, ".epub", data) })
}

func FuzzPDF(f *testing.F) {
	if _, err := exec.LookPath("ps2pdf"); err == nil {
		data, err := os.ReadFile(makePDF(f, f.TempDir(), "seed.pdf", []string{"Seed text.", ""}))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"))
	// Start the engine before fuzzing: compiling PDFium can take longer than
	// the 10 s the fuzzer allows one input.
	if _, err := sharedParser().engine(); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, formatPDF, ".pdf", data) })
}

func FuzzDetect(f *testing.F) {
	f.Add("a.md", []byte("# hi"))
	f.Add("x.pdf", []byte("%PDF-1.7"))
	f.Add("Makefile", []byte("all:\n\tgo build\x00"))
	f.Fuzz(func(t *testing.T, name string, head []byte) {
		kind, out := detect(name, head)
		if out.Status == "" && kind < formatText || kind > formatGzip {
			t.Fatalf("detect(%q) = %v, %+v", name, kind, out)
		}
	})
}

// sampleEmail is a multipart message with an alternative and an attachment.
const sampleEmail = "From: =?utf-8?q?Zo=C3=AB?= <zoe@example.org>\r\nTo: sam@example.org\r\n" +
	"Subject: Quarterly =?iso-8859-1?q?r=E9sum=E9?=\r\nDate: Mon, 2 Jan 2006 15:04:05 +0000\r\n" +
	"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=outer\r\n\r\n" +
	"--outer\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n" +
	"--inner\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
	"The pangolin budget grew by ten percent =E2=80=94 see below.\r\n" +
	"--inner\r\nContent-Type: text/html\r\n\r\n<p>The pangolin budget (HTML copy)</p>\r\n--inner--\r\n" +
	"--outer\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=secret.txt\r\n\r\nattached secret\r\n" +
	"--outer\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\nQmFzZTY0IHdvbWJhdCBub3Rlcy4=\r\n--outer--\r\n"

func FuzzEmail(f *testing.F) {
	f.Add([]byte(sampleEmail))
	f.Add([]byte("Subject: plain\n\nbody text\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, formatEmail, ".eml", data) })
}

func FuzzMbox(f *testing.F) {
	f.Add([]byte("From a@b Mon Jan  1 00:00:00 2024\n" + sampleEmail + "\nFrom c@d Tue Jan  2 00:00:00 2024\nSubject: two\n\n>From here\nbody\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, formatMbox, ".mbox", data) })
}

func FuzzGzip(f *testing.F) {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(sampleMarkdown))
	zw.Close()
	f.Add(b.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, formatGzip, ".md.gz", data) })
}
