package app

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hearth-app/hearth/engine/catalog"
	"github.com/hearth-app/hearth/engine/ollama/ollamatest"
)

// event is one event a service sent.
type event struct {
	name string
	data any
}

// eventLog keeps the events a service sends, and hands them to a test as
// they come.
type eventLog struct {
	mu  sync.Mutex
	all []event
	c   chan event
}

func newEventLog() *eventLog { return &eventLog{c: make(chan event, 1024)} }

func (l *eventLog) Emit(name string, data any) {
	l.mu.Lock()
	l.all = append(l.all, event{name, data})
	l.mu.Unlock()
	l.c <- event{name, data}
}

// next waits for the next event named one of names.
func (l *eventLog) next(t *testing.T, names ...string) event {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case e := <-l.c:
			for _, n := range names {
				if e.name == n {
					return e
				}
			}
		case <-deadline:
			t.Fatalf("no %v event within 30s", names)
		}
	}
}

// newModelsTest returns a models service over a new unlocked store.
func newModelsTest(t *testing.T) (*ModelsService, *eventLog) {
	t.Helper()
	v, svc, _ := newTestVault(t)
	if _, err := svc.Create("models test passphrase"); err != nil {
		t.Fatal(err)
	}
	ev := newEventLog()
	return NewModelsService(v, ev, noDialogs{}), ev
}

func storiesModel(t *testing.T) string {
	t.Helper()
	p, err := ollamatest.StoriesModel()
	if err != nil {
		t.Skip(err)
	}
	return p
}

func TestModelsImportListDelete(t *testing.T) {
	m, _ := newModelsTest(t)
	stories := storiesModel(t)
	got, err := m.Import(stories)
	must(t, err)
	fi, _ := os.Stat(stories)
	if got.Name != "stories260k" || got.Size != fi.Size() || got.Backend != "embedded" || got.Origin != "imported" {
		t.Fatalf("imported: %+v", got)
	}
	if got.ContextLength != 128 || got.Architecture != "llama" {
		t.Fatalf("GGUF metadata not read: %+v", got)
	}
	installed, err := m.Installed()
	must(t, err)
	if len(installed) == 0 || installed[0].Name != "stories260k" || installed[0].Path != stories {
		t.Fatalf("installed: %+v", installed)
	}
	removed, err := m.Delete("stories260k")
	must(t, err)
	if removed.FileDeleted || !strings.Contains(removed.Message, "stays at") {
		t.Fatalf("removing an imported model: %+v", removed)
	}
	if _, err := os.Stat(stories); err != nil {
		t.Fatalf("the imported file was touched: %v", err)
	}
	if installed, _ := m.Installed(); len(installed) != 0 && installed[0].Backend == "embedded" {
		t.Fatalf("still installed: %+v", installed)
	}
}

func TestModelsImportSetsFirstDefault(t *testing.T) {
	for _, tc := range []struct {
		name, before, want string
	}{
		{name: "no default yet", before: "", want: "stories260k"},
		{name: "a default chosen", before: "ollama:llama3", want: "ollama:llama3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := newModelsTest(t)
			if tc.before != "" {
				must(t, m.settings.put(defaultModelSetting, []byte(tc.before)))
			}
			_, err := m.Import(storiesModel(t))
			must(t, err)
			got, ok, err := m.settings.get(defaultModelSetting)
			if err != nil || !ok || string(got) != tc.want {
				t.Fatalf("default model = %q (set %v, %v), want %q", got, ok, err, tc.want)
			}
		})
	}
}

func TestModelsImportBadFiles(t *testing.T) {
	m, _ := newModelsTest(t)
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "broken.gguf")
	must(t, os.WriteFile(corrupt, append([]byte("GGUF\x03\x00\x00\x00"), bytes.Repeat([]byte{0xff}, 64)...), 0o600))
	text := filepath.Join(dir, "notes.gguf")
	must(t, os.WriteFile(text, []byte("just some notes\n"), 0o600))
	for _, tc := range []struct{ path, want string }{
		{corrupt, "broken.gguf is not a GGUF model file"},
		{text, "notes.gguf is not a GGUF model file"},
		{filepath.Join(dir, "absent.gguf"), "there is no file at"},
		{"", "choose a GGUF file"},
	} {
		_, err := m.Import(tc.path)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("import %q: %v, want %q", tc.path, err, tc.want)
		}
		if err != nil && strings.Count(err.Error(), ":") > 1 {
			t.Errorf("import %q: the error is not one sentence: %v", tc.path, err)
		}
	}
}

func TestModelsLocked(t *testing.T) {
	v, _, _ := newTestVault(t)
	m := NewModelsService(v, newEventLog(), noDialogs{})
	if _, err := m.Installed(); !errors.Is(err, ErrLocked) {
		t.Fatalf("installed while locked: %v", err)
	}
	if _, err := m.Import(storiesModel(t)); !errors.Is(err, ErrLocked) {
		t.Fatalf("import while locked: %v", err)
	}
}

// throttledWriter slows a response down so that a download takes a while.
type throttledWriter struct {
	http.ResponseWriter
	pause time.Duration
	chunk int
}

func (w throttledWriter) Write(b []byte) (int, error) {
	n := 0
	for len(b) > 0 {
		c := min(w.chunk, len(b))
		k, err := w.ResponseWriter.Write(b[:c])
		n += k
		if err != nil {
			return n, err
		}
		w.ResponseWriter.(http.Flusher).Flush()
		b = b[c:]
		time.Sleep(w.pause)
	}
	return n, nil
}

// modelServer serves the stories model over loopback HTTP, pause after
// every chunk bytes.
func modelServer(t *testing.T, pause time.Duration, chunk int) string {
	t.Helper()
	data, err := os.ReadFile(storiesModel(t))
	must(t, err)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.ServeContent(throttledWriter{w, pause, chunk}, r, "stories260K.gguf", time.Unix(1700000000, 0), bytes.NewReader(data))
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/stories260K.gguf"
}

func TestModelsDownloadProgressAndDone(t *testing.T) {
	m, ev := newModelsTest(t)
	url := modelServer(t, 20*time.Millisecond, 32<<10)
	id, err := m.Download(url)
	must(t, err)
	if again, _ := m.Download(url); again != id {
		t.Fatalf("a second download of the same model started: %s and %s", id, again)
	}
	var progress []DownloadProgress
	for {
		e := ev.next(t, EventModelsProgress, EventModelsDone, EventModelsError)
		if e.name == EventModelsError {
			t.Fatalf("download failed: %+v", e.data)
		}
		if e.name == EventModelsDone {
			done := e.data.(DownloadDone)
			if done.ID != id || done.Model.Name != "stories260k" || done.Model.Origin != "downloaded" || done.Model.ContextLength != 128 {
				t.Fatalf("done: %+v", done)
			}
			break
		}
		progress = append(progress, e.data.(DownloadProgress))
	}
	if len(progress) < 2 {
		t.Fatalf("only %d progress events", len(progress))
	}
	last := progress[len(progress)-1]
	if last.ID != id || last.Name != "stories260k" || last.Total != 1185376 || last.Bytes != last.Total || last.BytesPerSec <= 0 {
		t.Fatalf("last progress: %+v", last)
	}
	mid := progress[0]
	if mid.Bytes >= mid.Total || mid.ETASeconds < 0 {
		t.Fatalf("first progress: %+v", mid)
	}
	if len(m.Downloads()) != 0 {
		t.Fatalf("downloads left running: %+v", m.Downloads())
	}
	// Deleting a downloaded model deletes its file.
	installed, err := m.Installed()
	must(t, err)
	path := installed[0].Path
	removed, err := m.Delete("stories260k")
	must(t, err)
	if !removed.FileDeleted || !strings.Contains(removed.Message, "deleted its file") {
		t.Fatalf("removed: %+v", removed)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the downloaded file is still there: %v", err)
	}
}

func TestModelsDownloadCancel(t *testing.T) {
	m, ev := newModelsTest(t)
	url := modelServer(t, 100*time.Millisecond, 8<<10)
	id, err := m.Download(url)
	must(t, err)
	first := ev.next(t, EventModelsProgress).data.(DownloadProgress)
	if first.ID != id {
		t.Fatalf("progress of %s, want %s", first.ID, id)
	}
	if running := m.Downloads(); len(running) != 1 || running[0].ID != id {
		t.Fatalf("running downloads: %+v", running)
	}
	must(t, m.Cancel(id))
	e := ev.next(t, EventModelsDone, EventModelsError)
	failed, ok := e.data.(DownloadFailed)
	if !ok || !failed.Cancelled || failed.ID != id {
		t.Fatalf("after cancel: %s %+v", e.name, e.data)
	}
	installed, err := m.Installed()
	must(t, err)
	for _, im := range installed {
		if im.Backend == "embedded" {
			t.Fatalf("a cancelled download is installed: %+v", im)
		}
	}
	if err := m.Cancel(id); err == nil {
		t.Fatal("cancelling a finished download succeeded")
	}
}

func TestModelsDownloadRefused(t *testing.T) {
	m, _ := newModelsTest(t)
	for _, ref := range []string{"no-such-model", "http://127.0.0.1:9/readme.txt"} {
		if _, err := m.Download(ref); err == nil {
			t.Errorf("download %q started", ref)
		}
	}
}

func TestFitOf(t *testing.T) {
	const gib = 1 << 30
	m := catalog.Model{Name: "m", RAM: 3 * gib}
	for _, tc := range []struct {
		total, free uint64
		want        Fit
	}{
		{0, 0, FitUnknown},
		{4 * gib, 4 * gib, FitTooBig},     // 4 GiB minus the 2 GiB kept for the system
		{16 * gib, 3 * gib, FitTight},     // the machine has it, not free now
		{16 * gib, 12 * gib, FitFits},     // free now
		{16 * gib, 5*gib + 1, FitFits},    // just enough free
		{16 * gib, 5*gib - 1, FitTight},   // just short
		{5 * gib, 5 * gib, FitFits},       // exactly enough
		{5*gib - 1, 5*gib - 1, FitTooBig}, // a byte short
	} {
		if got := fitOf(m, tc.total, tc.free); got != tc.want {
			t.Errorf("fitOf(total %d, free %d) = %s, want %s", tc.total, tc.free, got, tc.want)
		}
	}
}

func TestModelsCatalog(t *testing.T) {
	m, _ := newModelsTest(t)
	cat, err := m.Catalog()
	must(t, err)
	if len(cat) == 0 {
		t.Fatal("empty catalog")
	}
	seenNonRecommended := false
	for _, c := range cat {
		if c.Fit == "" || c.Size <= 0 || c.RAM <= 0 {
			t.Errorf("catalog model without fit, size or RAM: %+v", c)
		}
		if !c.Recommended {
			seenNonRecommended = true
		} else if seenNonRecommended {
			t.Errorf("recommended %s comes after models that are not", c.Name)
		}
		if c.Recommended && c.Fit != FitFits {
			t.Errorf("recommended %s does not fit: %s", c.Name, c.Fit)
		}
	}
}
