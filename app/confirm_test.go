package app

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// answeringDialogs stands in for the native dialogs, which a test cannot
// drive: Confirm answers yes or no as told and notes each question; the save
// dialog answers save.
type answeringDialogs struct {
	noDialogs
	yes       bool
	save      string
	questions []string
}

func (d *answeringDialogs) Confirm(title, message string) (bool, error) {
	d.questions = append(d.questions, title+"\n"+message)
	return d.yes, nil
}

func (d *answeringDialogs) SaveFile(string, string) (string, error) { return d.save, nil }

func TestConfirmAPIServer(t *testing.T) {
	s, v, _ := newSettingsTest(t)
	_, err := NewModelsService(v, newEventLog(), noDialogs{}).Import(storiesModel(t))
	must(t, err)
	for _, tc := range []struct {
		name string
		dlg  dialogs
		want error
	}{
		{"no window", noDialogs{}, errNoWindow},
		{"the person says no", &answeringDialogs{yes: false}, errNotConfirmed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s.dialogs = tc.dlg
			if _, err := s.StartAPIServer(); !errors.Is(err, tc.want) {
				t.Fatalf("start: %v, want %v", err, tc.want)
			}
			if s.APIServer().Running {
				t.Fatal("the API server started without a yes")
			}
		})
	}
	yes := &answeringDialogs{yes: true}
	s.dialogs = yes
	st, err := s.StartAPIServer()
	if err != nil || !st.Running || len(yes.questions) != 1 {
		t.Fatalf("start after a yes: %+v %v (asked %d times)", st, err, len(yes.questions))
	}
	if _, err := s.StartAPIServer(); err != nil || len(yes.questions) != 1 {
		t.Fatalf("a running server was asked about again: %v %d", err, len(yes.questions))
	}
}

func TestConfirmRemoteOllamaHost(t *testing.T) {
	t.Setenv("OLLAMA_HOST", "127.0.0.1:9")
	v, svc, _ := newTestVault(t)
	_, err := svc.Create(settingsPass)
	must(t, err)
	m := NewModelsService(v, newEventLog(), noDialogs{})
	// 0.0.0.0 is not a loopback address, so it counts as another machine;
	// connecting to it reaches this one, so the test sends nothing out.
	const remote = "http://0.0.0.0:9"
	for _, tc := range []struct {
		name string
		dlg  dialogs
		want error
	}{
		{"no window", noDialogs{}, errNoWindow},
		{"the person says no", &answeringDialogs{yes: false}, errNotConfirmed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m.dialogs = tc.dlg
			if _, err := m.SetOllamaHost(remote); !errors.Is(err, tc.want) {
				t.Fatalf("set: %v, want %v", err, tc.want)
			}
			if host, custom := windowOllamaHost(m.settings); custom {
				t.Fatalf("the remote host was set without a yes: %s", host)
			}
		})
	}
	yes := &answeringDialogs{yes: true}
	m.dialogs = yes
	st, err := m.SetOllamaHost(remote)
	if err != nil || st.Host != remote || !st.Custom || !st.Remote {
		t.Fatalf("set after a yes: %+v %v", st, err)
	}
	if len(yes.questions) != 1 || !strings.Contains(yes.questions[0], "0.0.0.0:9") {
		t.Fatalf("the question does not name the host: %q", yes.questions)
	}

	// A server on this machine needs no question, and is not remote.
	m.dialogs = noDialogs{}
	st, err = m.SetOllamaHost("localhost:9")
	if err != nil || st.Remote || !st.Custom {
		t.Fatalf("set a loopback host: %+v %v", st, err)
	}
}

func TestLoopbackHost(t *testing.T) {
	for host, want := range map[string]bool{
		"http://127.0.0.1:11434": true, "http://127.5.6.7:1": true, "http://[::1]:11434": true,
		"http://localhost:11434": true, "http://0.0.0.0:11434": false, "http://192.168.1.20:11434": false,
		"https://ollama.example.com:443": false, "http://localhost.evil.example:1": false, "http://[::]:11434": false,
	} {
		if got := loopbackHost(host); got != want {
			t.Errorf("loopbackHost(%q) = %v, want %v", host, got, want)
		}
	}
}

func TestConfirmBackupAndRestore(t *testing.T) {
	s, _, _ := newSettingsTest(t)
	backup := filepath.Join(t.TempDir(), "b.hearthbackup")

	// The bound service takes no path to write to: only the save dialog,
	// which Go opens itself, names one.
	if _, ok := reflect.TypeOf(s).MethodByName("BackupTo"); ok {
		t.Fatal("SettingsService binds BackupTo: the page could write a backup anywhere")
	}
	if _, err := s.Backup(); !errors.Is(err, errNoWindow) {
		t.Fatalf("backup without a window: %v", err)
	}
	s.dialogs = &answeringDialogs{save: ""}
	if p, err := s.Backup(); p != "" || err != nil {
		t.Fatalf("a cancelled save dialog: %q %v", p, err)
	}
	s.dialogs = &answeringDialogs{save: backup}
	if p, err := s.Backup(); p != backup || err != nil {
		t.Fatalf("backup: %q %v", p, err)
	}

	folder := func() []string {
		entries, _ := os.ReadDir(filepath.Dir(s.vault.dir))
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return names
	}
	before := folder()
	for _, tc := range []struct {
		name string
		dlg  dialogs
		want error
	}{
		{"no window", noDialogs{}, errNoWindow},
		{"the person says no", &answeringDialogs{yes: false}, errNotConfirmed},
	} {
		t.Run("restore/"+tc.name, func(t *testing.T) {
			s.dialogs = tc.dlg
			if _, err := s.Restore(backup, settingsPass); !errors.Is(err, tc.want) {
				t.Fatalf("restore: %v, want %v", err, tc.want)
			}
			if got := folder(); !reflect.DeepEqual(got, before) {
				t.Fatalf("a refused restore changed the data folder: %v, was %v", got, before)
			}
		})
	}
	yes := &answeringDialogs{yes: true}
	s.dialogs = yes
	if r, err := s.Restore(backup, settingsPass); err != nil || r.Kept == "" {
		t.Fatalf("restore after a yes: %+v %v", r, err)
	}
	if len(yes.questions) != 1 || !strings.Contains(yes.questions[0], "b.hearthbackup") {
		t.Fatalf("the question does not name the backup: %q", yes.questions)
	}
}
