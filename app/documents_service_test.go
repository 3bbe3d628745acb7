package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// folderDialog is the native dialogs with a folder dialog that answers dir
// ("" as a person who cancels).
type folderDialog struct {
	noDialogs
	dir string
}

func (d folderDialog) OpenFolder(string) (string, error) { return d.dir, nil }

func TestDocumentsService(t *testing.T) {
	v, vs, _ := newTestVault(t)
	if _, err := vs.Create("documents test passphrase"); err != nil {
		t.Fatal(err)
	}
	ev := newEventLog()
	lib := t.TempDir()
	d := NewDocumentsService(v, ev, folderDialog{dir: lib})
	t.Cleanup(d.close)
	for name, text := range map[string]string{
		"a.md":       "# Rivers\n\nThe Danube flows through ten countries.",
		"b/c.txt":    "Salmon swim upstream to spawn.",
		"broken.pdf": "%PDF-1.4 and nothing after", // fails: a damaged PDF
	} {
		must(t, os.MkdirAll(filepath.Dir(filepath.Join(lib, name)), 0o755))
		must(t, os.WriteFile(filepath.Join(lib, name), []byte(text), 0o644))
	}
	got, err := d.ChooseFolder()
	if err != nil || got != lib {
		t.Fatalf("ChooseFolder = %q, %v", got, err)
	}
	ev.next(t, EventDocsProgress)
	done := ev.next(t, EventDocsDone, EventDocsError)
	if dd, ok := done.data.(DocsDone); !ok || dd.Folder != lib || dd.Summary.Read != 3 {
		t.Fatalf("done event = %+v", done)
	}
	res, err := d.Search("danube", 5)
	must(t, err)
	if len(res) != 1 || res[0].Path != filepath.Join(lib, "a.md") || res[0].Location.Heading != "Rivers" {
		t.Fatalf("search = %+v", res)
	}
	failed, err := d.Files(lib, "failed")
	must(t, err)
	if len(failed) != 1 || !strings.HasSuffix(failed[0].Path, "broken.pdf") || failed[0].Reason == "" {
		t.Fatalf("failed files = %+v", failed)
	}
	folders, err := d.Folders()
	must(t, err)
	if len(folders) != 1 || folders[0].Files != 3 || folders[0].ByStatus["indexed"] != 2 || folders[0].Indexing {
		t.Fatalf("folders = %+v", folders)
	}
	if err := d.addFolder(filepath.Join(lib, "b")); err == nil || !strings.Contains(err.Error(), "already in the library") {
		t.Fatalf("adding a folder inside one = %v", err)
	}
	must(t, d.RemoveFolder(lib))
	if res, _ := d.Search("danube", 5); len(res) != 0 {
		t.Fatalf("search after remove = %+v", res)
	}
	if err := d.RemoveFolder(lib); err == nil || !strings.Contains(err.Error(), "not in the library") {
		t.Fatalf("removing twice = %v", err)
	}
}
