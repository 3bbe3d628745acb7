package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestParseFaults(t *testing.T) {
	dir := t.TempDir()
	good := makePDF(t, dir, "good.pdf", []string{"Some text."})
	goodBytes, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	run(t, dir, "qpdf", "--encrypt", "user", "owner", "256", "--", good, filepath.Join(dir, "locked.pdf"))
	if err := os.Mkdir(filepath.Join(dir, "folder.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop-b.md", filepath.Join(dir, "loop-a.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop-a.md", filepath.Join(dir, "loop-b.md")); err != nil {
		t.Fatal(err)
	}
	elf, err := os.ReadFile("/bin/true")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		path   string
		status Status
		reason string
	}{
		{"empty file", write(t, dir, "empty.txt", nil), NoText, "empty"},
		{"binary named .md", write(t, dir, "program.md", elf), Skipped, "binary data"},
		{"unknown binary", write(t, dir, "blob.bin", elf), Skipped, "does not read .bin"},
		{"directory named .md", filepath.Join(dir, "folder.md"), Skipped, "directory"},
		{"named pipe", filepath.Join(dir, "pipe.txt"), Skipped, "named pipe"},
		{"missing file", filepath.Join(dir, "gone.txt"), Failed, "no longer exists"},
		{"symlink loop", filepath.Join(dir, "loop-a.md"), Failed, "too many levels of symbolic links"},
		{"encrypted PDF", filepath.Join(dir, "locked.pdf"), Failed, "encrypted"},
		{"corrupt PDF", write(t, dir, "corrupt.pdf", append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 500)...)), Failed, "damaged"},
		{"truncated PDF", write(t, dir, "truncated.pdf", goodBytes[:len(goodBytes)/3]), Failed, "damaged"},
		{"scan without text", makePDF(t, dir, "scan.pdf", []string{"", ""}), NoText, "no text layer"},
		{"PDF that is not", write(t, dir, "fake.pdf", []byte("hello")), Failed, "not a PDF"},
		{"DOCX that is not a zip", write(t, dir, "fake.docx", []byte("hello")), Failed, "not a zip"},
		{"damaged zip", write(t, dir, "cut.docx", []byte("PK\x03\x04 cut short")), Failed, "damaged"},
		{"DOCX without its body", write(t, dir, "hollow.docx", zipOf(t, map[string][]byte{"other.xml": []byte("<a/>")})), Failed, "lacks its word/document.xml"},
		{"zip bomb", write(t, dir, "bomb.odt", zipOf(t, map[string][]byte{"content.xml": bytes.Repeat([]byte(" "), 300<<20)})), Failed, "zip bomb"},
		{"bad XML", write(t, dir, "bad.odt", zipOf(t, map[string][]byte{"content.xml": []byte("<a><b></a>")})), Failed, "XML does not parse"},
		{"white space only", write(t, dir, "blank.txt", []byte(" \n\n\t\n")), NoText, "holds no text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan parsed, 1)
			go func() { done <- parseFile(t, tt.path) }()
			var res parsed
			select {
			case res = <-done:
			case <-time.After(time.Minute):
				t.Fatal("Parse did not return within a minute")
			}
			if res.out.Status != tt.status || !strings.Contains(res.out.Reason, tt.reason) {
				t.Fatalf("outcome %+v, want %s with %q", res.out, tt.status, tt.reason)
			}
			if tt.status != Indexed && strings.Count(strings.TrimSuffix(res.out.Reason, "."), ". ") > 0 {
				t.Errorf("reason %q is more than one sentence", res.out.Reason)
			}
		})
	}
}

// zipOf builds a zip archive (deflated) of the given entries.
func zipOf(t testing.TB, entries map[string][]byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for name, data := range entries {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestParseChangedWhileRead(t *testing.T) {
	path := write(t, t.TempDir(), "live.txt", []byte(strings.Repeat("A line that is being edited.\n\n", 500)))
	appended := false
	out := Parse(context.Background(), path, Options{}, func(Chunk) error {
		if !appended {
			appended = true
			f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = f.WriteString("A new line.\n")
			return err
		}
		return nil
	})
	if out.Status != Failed || !strings.Contains(out.Reason, "changed while being read") {
		t.Fatalf("outcome %+v, want failed: changed while being read", out)
	}
}

func TestParseEmitErrorStops(t *testing.T) {
	path := write(t, t.TempDir(), "a.txt", []byte(strings.Repeat("Words and more words.\n\n", 500)))
	calls := 0
	out := Parse(context.Background(), path, Options{}, func(Chunk) error {
		calls++
		return errors.New("The store is full.")
	})
	if out.Status != Failed || out.Reason != "The store is full." || calls != 1 {
		t.Fatalf("outcome %+v after %d calls, want failed with emit's error after 1", out, calls)
	}
}

func TestParseTimeLimit(t *testing.T) {
	path := write(t, t.TempDir(), "long.txt", bytes.Repeat([]byte("Many words to read here.\n"), 400_000))
	var calls, after int
	stopped := false
	out := Parse(context.Background(), path, Options{Timeout: 20 * time.Millisecond}, func(Chunk) error {
		calls++
		if stopped {
			after++
		}
		return nil
	})
	stopped = true
	time.Sleep(50 * time.Millisecond)
	if out.Status != Failed || !strings.Contains(out.Reason, "longer than") {
		t.Fatalf("outcome %+v, want failed for the time limit", out)
	}
	if after != 0 {
		t.Errorf("emit was called %d times after Parse returned", after)
	}
}

// TestParseLargeTextStreams reads a text file far larger than the memory
// the parse may use, with and without line breaks, and checks the heap
// stays small.
func TestParseLargeTextStreams(t *testing.T) {
	const size = 64 << 20
	const budget = 8 << 20 // live heap above the start, whatever the file's size
	for _, tt := range []struct{ name, unit string }{
		{"lines", "A sentence of some length, with words in it. "},
		{"one line", "Wordswithoutanybreakatall日本"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "big.txt")
			writeRepeated(t, path, tt.unit, size, tt.name == "lines")
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			base, peak, chunks, last := ms.HeapAlloc, ms.HeapAlloc, 0, 0
			out := Parse(context.Background(), path, Options{}, func(c Chunk) error {
				chunks++
				if chunks%5000 == 0 {
					runtime.GC() // measure what is kept, not garbage the collector has yet to reach
					runtime.ReadMemStats(&ms)
					peak = max(peak, ms.HeapAlloc)
				}
				last = c.End
				return nil
			})
			if out.Status != Indexed || last < size/4 {
				t.Fatalf("outcome %+v, last chunk ends at %d of about %d characters", out, last, size)
			}
			if grew := peak - base; grew > budget {
				t.Errorf("live heap grew by %d MiB reading a %d MiB file, over the %d MiB budget", grew>>20, size>>20, budget>>20)
			}
			t.Logf("%d chunks; live heap grew by at most %.1f MiB", chunks, float64(peak-base)/(1<<20))
		})
	}
}

// writeRepeated writes unit over and over to path until it holds size
// bytes, with a paragraph break every 20 units when breaks is true.
func writeRepeated(t testing.TB, path, unit string, size int, breaks bool) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	block := strings.Repeat(unit, 20)
	if breaks {
		block += "\n\n"
	}
	buf := []byte(strings.Repeat(block, (1<<20)/len(block)))
	for n := 0; n < size; n += len(buf) {
		if _, err := f.Write(buf); err != nil {
			t.Fatal(err)
		}
	}
}

// TestParseConcurrent parses PDFs and text files from several goroutines
// through one Parser, as an indexing run does.
func TestParseConcurrent(t *testing.T) {
	dir := t.TempDir()
	pdf := makePDF(t, dir, "c.pdf", []string{"Capybara one.", "Capybara two."})
	txt := write(t, dir, "c.txt", []byte("Capybara text.\n"))
	p := sharedParser()
	errs := make(chan string, 16)
	for i := 0; i < 16; i++ {
		go func() {
			path := pdf
			if i%2 == 1 {
				path = txt
			}
			n := 0
			out := p.Parse(context.Background(), path, func(c Chunk) error { n++; return nil })
			if out.Status != Indexed || n == 0 {
				errs <- fmt.Sprintf("%s: %+v with %d chunks", filepath.Base(path), out, n)
				return
			}
			errs <- ""
		}()
	}
	for i := 0; i < 16; i++ {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}
