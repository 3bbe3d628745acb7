package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// newDocsTest returns a documents service over a new unlocked store whose
// folder dialog answers lib.
func newDocsTest(t *testing.T, lib string) (*DocumentsService, *VaultService, *eventLog) {
	t.Helper()
	v, vs, _ := newTestVault(t)
	if _, err := vs.Create("documents test passphrase"); err != nil {
		t.Fatal(err)
	}
	ev := newEventLog()
	d := NewDocumentsService(v, ev, folderDialog{dir: lib})
	t.Cleanup(d.close)
	return d, vs, ev
}

// searchUntil polls the library until query finds a passage in a file
// named name, or fails after a while.
func searchUntil(t *testing.T, d *DocumentsService, query, name string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		res, _ := d.Search(query, 5)
		for _, r := range res {
			if filepath.Base(r.Path) == name {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%q never found %s", query, name)
}

func TestDocumentsWatch(t *testing.T) {
	lib := t.TempDir()
	must(t, os.WriteFile(filepath.Join(lib, "a.md"), []byte("# Stones\n\nThe granite is grey."), 0o644))
	d, vs, ev := newDocsTest(t, lib)
	if _, err := d.ChooseFolder(); err != nil {
		t.Fatal(err)
	}
	ev.next(t, EventDocsDone)

	t.Run("a new file is searchable without a rescan", func(t *testing.T) {
		must(t, os.MkdirAll(filepath.Join(lib, "sub"), 0o755))
		must(t, os.WriteFile(filepath.Join(lib, "sub", "pebble.txt"), []byte("The pebble is blue."), 0o644))
		searchUntil(t, d, "pebble", "pebble.txt")
	})
	t.Run("locked, nothing is read; at unlock the folder is rescanned", func(t *testing.T) {
		must(t, vs.Lock())
		if _, err := d.Search("granite", 5); err == nil {
			t.Fatal("search while locked worked")
		}
		must(t, os.WriteFile(filepath.Join(lib, "late.md"), []byte("The marble is white."), 0o644))
		time.Sleep(2 * watchDelay) // a watcher left running would sync now, and fail
		must(t, vs.Unlock("documents test passphrase"))
		searchUntil(t, d, "marble", "late.md")
	})
	t.Run("a removed folder is no longer watched", func(t *testing.T) {
		must(t, d.RemoveFolder(lib))
		must(t, os.WriteFile(filepath.Join(lib, "after.md"), []byte("The slate is black."), 0o644))
		time.Sleep(4 * watchDelay)
		if res, err := d.Search("slate", 5); err != nil || len(res) != 0 {
			t.Fatalf("search after remove = %+v, %v", res, err)
		}
		if f, _ := d.Folders(); len(f) != 0 {
			t.Fatalf("folders after remove = %+v", f)
		}
	})
}

// TestDocumentsLockDuringIndexing checks that locking does not wait for
// a long indexing to end: the indexing lets go of the store within a file
// or so, and picks up where it stopped at the next unlock.
func TestDocumentsLockDuringIndexing(t *testing.T) {
	lib := t.TempDir()
	const files = 1500
	para := strings.Repeat("Rivers carry silt and stones down to the sea. ", 40)
	for i := range files {
		must(t, os.WriteFile(filepath.Join(lib, fmt.Sprintf("f%04d.txt", i)), []byte(fmt.Sprintf("note %d. %s", i, para)), 0o644))
	}
	d, vs, ev := newDocsTest(t, lib)
	if _, err := d.ChooseFolder(); err != nil {
		t.Fatal(err)
	}
	ev.next(t, EventDocsProgress)
	began := time.Now()
	must(t, vs.Lock())
	if took := time.Since(began); took > 3*time.Second {
		t.Fatalf("lock waited %s for the indexing", took)
	}
	if e := ev.next(t, EventDocsDone, EventDocsError); e.name != EventDocsError {
		t.Fatalf("indexing ended with %+v, not stopped by the lock (make the folder bigger?)", e)
	}
	must(t, vs.Unlock("documents test passphrase"))
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if f, err := d.Folders(); err == nil && len(f) == 1 && f[0].ByStatus["indexed"] == files {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	f, err := d.Folders()
	t.Fatalf("after unlock the indexing did not finish: %+v, %v", f, err)
}
