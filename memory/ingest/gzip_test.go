package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// gzipFile compresses a copy of src into dir with the gzip tool and
// returns the new file's path (named name).
func gzipFile(t *testing.T, dir, src, name string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	plain := write(t, dir, strings.TrimSuffix(name, ".gz"), data)
	run(t, dir, "gzip", "-9", "-f", plain)
	return filepath.Join(dir, name)
}

func TestParseGzip(t *testing.T) {
	dir := t.TempDir()
	md := gzipFile(t, dir, filepath.Join("testdata", "sample.md"), "guide.md.gz")
	res := parseFile(t, md)
	checkWants(t, res, []want{{text: "numbat eats termites", heading: "Field Guide > Marsupials"}})
	want, _ := os.ReadFile(filepath.Join("testdata", "sample.md"))
	if string(res.text) != string(want) {
		t.Errorf("extracted text is not the decompressed file")
	}

	elf := gzipFile(t, dir, "/bin/true", "prog.md.gz")
	pdf := gzipFile(t, dir, makePDF(t, dir, "doc.pdf", []string{"Text."}), "doc.pdf.gz")
	cut, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		status     Status
		reason     string
	}{
		{"binary inside", elf, Skipped, "compressed content is skipped: It is named .md but holds binary data"},
		{"PDF inside", pdf, Skipped, "compressed PDF"},
		{"not gzip", write(t, dir, "plain.txt.gz", []byte("hello")), Failed, "not gzip-compressed"},
		{"cut short", write(t, dir, "cut.txt.gz", cut[:len(cut)/2]), Failed, "damaged or cut short"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := parseFile(t, tt.path).out
			if out.Status != tt.status || !strings.Contains(out.Reason, tt.reason) {
				t.Fatalf("outcome %+v, want %s with %q", out, tt.status, tt.reason)
			}
		})
	}
}

// TestParseDebianChangelog reads a gzipped changelog as Debian installs it.
func TestParseDebianChangelog(t *testing.T) {
	path := "/usr/share/doc/libtasn1-doc/changelog.Debian.gz"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s is not installed (libtasn1-doc)", path)
	}
	res := parseFile(t, path)
	if res.out.Status != Indexed {
		t.Fatalf("outcome %+v", res.out)
	}
	res.find(t, "urgency=")
}
