package app

import (
	"context"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// pageViewer is a PDF viewer known to open a file at a page: its program
// and its arguments for a path and a page. Each form is the one its
// manual documents:
//   - evince: -i, --page-index=NUMBER, "the exact page number, not a page label";
//   - okular: -p, --page number, "open a given page in the document";
//   - zathura: -P, --page=number, "pages are numbered starting with 1";
//   - qpdfview: [--] [file[#page]], "opens the file at the given page".
type pageViewer struct {
	program string
	args    func(path, page string) []string
	// hashSafe is false for a viewer that reads '#' in the path as the
	// start of the page: a path holding '#' then opens without a page.
	hashSafe bool
}

// pageViewers are the viewers Hearth opens at a page, by a word of the
// desktop entry that xdg-mime names (org.gnome.Evince.desktop,
// okularApplication_pdf.desktop, org.pwmt.zathura-pdf-mupdf.desktop,
// qpdfview.desktop...).
var pageViewers = map[string]pageViewer{
	"evince":   {program: "evince", hashSafe: true, args: func(path, page string) []string { return []string{"--page-index=" + page, path} }},
	"okular":   {program: "okular", hashSafe: true, args: func(path, page string) []string { return []string{"-p", page, path} }},
	"zathura":  {program: "zathura", hashSafe: true, args: func(path, page string) []string { return []string{"--page=" + page, path} }},
	"qpdfview": {program: "qpdfview", args: func(path, page string) []string { return []string{"--", path + "#" + page} }},
}

// pageCommand returns the command line that opens the PDF at path on
// page (from 1) with the viewer of desktop entry desktopID, found through
// lookPath; ok is false when that viewer is not one known to take a page,
// is not installed, or the request is not a PDF page: the caller then
// opens the file plainly. The page is an integer and the path an absolute
// path from the library, each passed as one argument, never through a
// shell; nothing the page shows or the model wrote reaches the command.
func pageCommand(desktopID string, lookPath func(string) (string, error), path string, page int) (argv []string, ok bool) {
	if page < 1 || !filepath.IsAbs(path) || !strings.EqualFold(filepath.Ext(path), ".pdf") {
		return nil, false
	}
	v, found := viewerOf(desktopID)
	if !found || (!v.hashSafe && strings.Contains(path, "#")) {
		return nil, false
	}
	prog, err := lookPath(v.program)
	if err != nil {
		return nil, false
	}
	return append([]string{prog}, v.args(path, strconv.Itoa(page))...), true
}

// viewerOf finds the known viewer a desktop entry id names.
func viewerOf(desktopID string) (pageViewer, bool) {
	id := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(desktopID), ".desktop"))
	for word, v := range pageViewers {
		if strings.Contains(id, word) {
			return v, true
		}
	}
	return pageViewer{}, false
}

// defaultPDFViewer asks xdg-mime for the desktop entry that opens PDFs;
// "" when there is none or this is not a desktop that has xdg-mime.
func defaultPDFViewer(ctx context.Context) string {
	if runtime.GOOS != "linux" && runtime.GOOS != "freebsd" {
		return ""
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "xdg-mime", "query", "default", "application/pdf").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// openAtPage opens the PDF at path on page with the default viewer when
// that viewer takes a page; false when the caller must open it plainly.
func openAtPage(ctx context.Context, path string, page int) bool {
	if page < 1 {
		return false
	}
	argv, ok := pageCommand(defaultPDFViewer(ctx), exec.LookPath, path, page)
	if !ok {
		return false
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	if err := cmd.Start(); err != nil {
		return false
	}
	go func() { _ = cmd.Wait() }() // the viewer lives on its own; reap it when it exits
	return true
}
