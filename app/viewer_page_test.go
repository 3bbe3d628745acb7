package app

import (
	"errors"
	"slices"
	"testing"
)

// TestPageCommand checks the command line that opens a cited PDF page for
// each viewer known to take one, and that anything else falls back to a
// plain open.
func TestPageCommand(t *testing.T) {
	installed := func(name string) (string, error) {
		if name == "missing" {
			return "", errors.New("not found")
		}
		return "/usr/bin/" + name, nil
	}
	none := func(string) (string, error) { return "", errors.New("not found") }
	const pdf = "/home/ann/papers/Glaciers -i 2.pdf" // a space and a dash: still one argument
	tests := []struct {
		name     string
		desktop  string
		look     func(string) (string, error)
		path     string
		page     int
		want     []string
		fallback bool
	}{
		{name: "evince", desktop: "org.gnome.Evince.desktop", path: pdf, page: 7,
			want: []string{"/usr/bin/evince", "--page-index=7", pdf}},
		{name: "evince, older id", desktop: "evince.desktop\n", path: pdf, page: 1,
			want: []string{"/usr/bin/evince", "--page-index=1", pdf}},
		{name: "okular", desktop: "okularApplication_pdf.desktop", path: pdf, page: 12,
			want: []string{"/usr/bin/okular", "-p", "12", pdf}},
		{name: "zathura", desktop: "org.pwmt.zathura-pdf-mupdf.desktop", path: pdf, page: 3,
			want: []string{"/usr/bin/zathura", "--page=3", pdf}},
		{name: "qpdfview", desktop: "qpdfview.desktop", path: pdf, page: 40,
			want: []string{"/usr/bin/qpdfview", "--", pdf + "#40"}},
		{name: "qpdfview, path with #", desktop: "qpdfview.desktop", path: "/home/ann/C#.pdf", page: 2, fallback: true},
		{name: "evince, path with #", desktop: "org.gnome.Evince.desktop", path: "/home/ann/C#.pdf", page: 2,
			want: []string{"/usr/bin/evince", "--page-index=2", "/home/ann/C#.pdf"}},
		{name: "unknown viewer", desktop: "firefox.desktop", path: pdf, page: 7, fallback: true},
		{name: "no default viewer", desktop: "", path: pdf, page: 7, fallback: true},
		{name: "viewer not installed", desktop: "org.gnome.Evince.desktop", look: none, path: pdf, page: 7, fallback: true},
		{name: "no page", desktop: "org.gnome.Evince.desktop", path: pdf, page: 0, fallback: true},
		{name: "negative page", desktop: "org.pwmt.zathura.desktop", path: pdf, page: -1, fallback: true},
		{name: "not a PDF", desktop: "org.gnome.Evince.desktop", path: "/home/ann/notes.md", page: 2, fallback: true},
		{name: "relative path", desktop: "org.gnome.Evince.desktop", path: "papers/a.pdf", page: 2, fallback: true},
		{name: "upper-case extension", desktop: "org.kde.okular.desktop", path: "/d/A.PDF", page: 5,
			want: []string{"/usr/bin/okular", "-p", "5", "/d/A.PDF"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			look := tc.look
			if look == nil {
				look = installed
			}
			got, ok := pageCommand(tc.desktop, look, tc.path, tc.page)
			if tc.fallback {
				if ok {
					t.Fatalf("pageCommand = %q, want a plain open", got)
				}
				return
			}
			if !ok || !slices.Equal(got, tc.want) {
				t.Fatalf("pageCommand = %q, %v; want %q", got, ok, tc.want)
			}
		})
	}
}
