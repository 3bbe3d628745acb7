package app

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/memory"
)

const settingsPass = "settings test passphrase"

func newSettingsTest(t *testing.T) (*SettingsService, *Vault, *VaultService) {
	t.Helper()
	v, svc, _ := newTestVault(t)
	if _, err := svc.Create(settingsPass); err != nil {
		t.Fatal(err)
	}
	s := NewSettingsService(v, noDialogs{})
	s.apiAddr = "127.0.0.1:0"
	t.Cleanup(func() { s.StopAPIServer() })
	return s, v, svc
}

func TestSettingsThemeWithoutUnlock(t *testing.T) {
	v, _, _ := newTestVault(t) // never created: the theme needs no store
	s := NewSettingsService(v, noDialogs{})
	if got := s.Theme(); got != "system" {
		t.Fatalf("default theme %q", got)
	}
	must(t, s.SetTheme("dark"))
	if got := NewSettingsService(v, noDialogs{}).Theme(); got != "dark" {
		t.Fatalf("theme after a restart: %q", got)
	}
	b, err := os.ReadFile(filepath.Join(s.DataDir(), "ui.json"))
	must(t, err)
	if string(b) != `{"theme":"dark"}` {
		t.Fatalf("ui.json: %s", b)
	}
	if err := s.SetTheme("purple"); err == nil {
		t.Fatal("an unknown theme was accepted")
	}
	must(t, os.WriteFile(filepath.Join(s.DataDir(), "ui.json"), []byte("{broken"), 0o600))
	if got := s.Theme(); got != "system" {
		t.Fatalf("theme from a broken file: %q", got)
	}
}

func TestSettingsDefaults(t *testing.T) {
	s, v, _ := newSettingsTest(t)
	d, err := s.Defaults()
	must(t, err)
	if d.Model != "" || d.Generation != standardGeneration() {
		t.Fatalf("defaults of a new store: %+v", d)
	}
	must(t, s.SetDefaultModel("stories260k"))
	g := GenerationDefaults{Temperature: 0.2, TopP: 0.9, MaxTokens: 256, System: "Answer briefly."}
	must(t, s.SetGeneration(g))
	d, err = s.Defaults()
	must(t, err)
	if d.Model != "stories260k" || d.Generation != g {
		t.Fatalf("defaults: %+v", d)
	}
	// The chat reads the sealed settings themselves.
	must(t, v.Use(func(st *memory.Store) error {
		raw, err := st.Setting(context.Background(), "defaults/generation")
		if err == nil && string(raw) != `{"temperature":0.2,"topP":0.9,"maxTokens":256,"system":"Answer briefly."}` {
			t.Errorf("defaults/generation = %s", raw)
		}
		return err
	}))
	for _, bad := range []GenerationDefaults{
		{Temperature: -1, TopP: 0.9, MaxTokens: 10},
		{Temperature: 0.5, TopP: 0, MaxTokens: 10},
		{Temperature: 0.5, TopP: 0.5, MaxTokens: 0},
	} {
		if err := s.SetGeneration(bad); err == nil {
			t.Errorf("accepted %+v", bad)
		}
	}
	must(t, s.SetDefaultModel(""))
	if d, _ := s.Defaults(); d.Model != "" {
		t.Fatalf("the default model was not cleared: %+v", d)
	}
}

func TestSettingsAPIServer(t *testing.T) {
	s, v, _ := newSettingsTest(t)
	models := NewModelsService(v, newEventLog(), noDialogs{})
	m, err := models.Import(storiesModel(t))
	must(t, err)
	s.dialogs = &answeringDialogs{yes: true}
	st, err := s.StartAPIServer()
	must(t, err)
	if !st.Running || !strings.HasPrefix(st.URL, "http://127.0.0.1:") || len(st.Token) < 20 {
		t.Fatalf("started: %+v", st)
	}
	if again, _ := s.StartAPIServer(); again != st {
		t.Fatalf("a second start changed the server: %+v", again)
	}
	get := func(token string) (*http.Response, string) {
		req, _ := http.NewRequest(http.MethodGet, st.URL+"/models", nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		must(t, err)
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	if resp, _ := get(""); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("without the token: %s", resp.Status)
	}
	resp, body := get(st.Token)
	var list struct {
		Data []struct {
			ID    string `json:"id"`
			Owner string `json:"owned_by"`
		} `json:"data"`
	}
	// The installed model is listed under its name in the library, the name
	// requests use.
	if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(body), &list) != nil || len(list.Data) != 1 ||
		list.Data[0].ID != m.Name || list.Data[0].Owner != "hearth-embedded" {
		t.Fatalf("GET /v1/models: %s %s", resp.Status, body)
	}
	must(t, s.StopAPIServer())
	if s.APIServer().Running {
		t.Fatal("still running after stop")
	}
	if _, err := http.Get(st.URL + "/models"); err == nil {
		t.Fatal("the server still answers after stop")
	}
}

func TestSettingsBackupRestore(t *testing.T) {
	s, v, svc := newSettingsTest(t)
	ctx := context.Background()
	addMemory := func(text string) {
		must(t, v.Use(func(st *memory.Store) error {
			_, err := st.AddMemory(ctx, text, memory.Source{})
			return err
		}))
	}
	memories := func() []string {
		var out []string
		must(t, v.Use(func(st *memory.Store) error {
			ms, err := st.Memories(ctx)
			for _, m := range ms {
				out = append(out, m.Text)
			}
			return err
		}))
		return out
	}
	addMemory("in the backup")
	backup := filepath.Join(t.TempDir(), "hearth.hearthbackup")
	s.dialogs = &answeringDialogs{yes: true, save: backup}
	if got, err := s.Backup(); err != nil || got != backup {
		t.Fatalf("backup: %q %v", got, err)
	}
	if _, err := os.Stat(backup + ".partial"); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the partial backup is left: %v", err)
	}
	addMemory("after the backup")
	must(t, svc.ChangePassphrase(settingsPass, "a newer passphrase"))

	// A wrong passphrase or a bad file leaves the store as it is.
	if _, err := s.Restore(backup, "a newer passphrase"); err == nil || !strings.Contains(err.Error(), "does not open this backup") {
		t.Fatalf("restore with the wrong passphrase: %v", err)
	}
	notBackup := filepath.Join(t.TempDir(), "notes.txt")
	must(t, os.WriteFile(notBackup, []byte("hello"), 0o600))
	if _, err := s.Restore(notBackup, settingsPass); err == nil || !strings.Contains(err.Error(), "not a Hearth backup") {
		t.Fatalf("restore of a text file: %v", err)
	}
	if got := memories(); len(got) != 2 {
		t.Fatalf("a failed restore changed the store: %v", got)
	}

	restored, err := s.Restore(backup, settingsPass)
	must(t, err)
	if got := memories(); len(got) != 1 || got[0] != "in the backup" {
		t.Fatalf("after restore: %v", got)
	}
	if !svc.Status().Unlocked {
		t.Fatal("the restored store is not open")
	}
	// The previous store is kept aside and still opens.
	if restored.Kept == "" {
		t.Fatal("the previous store was not kept")
	}
	old, err := memory.Open(ctx, restored.Kept, memory.Passphrase("a newer passphrase"))
	must(t, err)
	defer old.Close()
	if ms, err := old.Memories(ctx); err != nil || len(ms) != 2 {
		t.Fatalf("the kept store: %d memories, %v", len(ms), err)
	}
	// The restored store opens with the backup's passphrase after a lock.
	must(t, svc.Lock())
	must(t, svc.Unlock(settingsPass))
}
