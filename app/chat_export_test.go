package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// savingDialogs is a save dialog that answers with a path chosen beforehand
// (the native dialog cannot be driven in a test) and notes what it was asked.
type savingDialogs struct {
	noDialogs
	path        string
	defaultName string
}

func (d *savingDialogs) SaveFile(_, defaultName string) (string, error) {
	d.defaultName = defaultName
	return d.path, nil
}

func TestChatExportWritesChosenFile(t *testing.T) {
	s, ev := newTestChat(t)
	done := ev.answered(t)(s.Send(0, 0, "The dragon ate pancakes"))
	for _, tc := range []struct {
		format, file, wantName string
		check                  func(t *testing.T, text string)
	}{
		{"markdown", "out.md", "The dragon ate pancakes.md", func(t *testing.T, text string) {
			if !strings.HasPrefix(text, "# The dragon ate pancakes") || !strings.Contains(text, done.Message.Text) {
				t.Fatalf("markdown export:\n%s", text)
			}
		}},
		{"json", "out.json", "The dragon ate pancakes.json", func(t *testing.T, text string) {
			var v map[string]any
			if err := json.Unmarshal([]byte(text), &v); err != nil {
				t.Fatalf("json export does not parse: %v\n%s", err, text)
			}
			if !strings.Contains(text, "The dragon ate pancakes") || !strings.Contains(text, jsonString(t, done.Message.Text)) {
				t.Fatalf("json export lacks the conversation:\n%s", text)
			}
		}},
	} {
		t.Run(tc.format, func(t *testing.T) {
			dir := t.TempDir()
			dlg := &savingDialogs{path: filepath.Join(dir, tc.file)}
			s.dialogs = dlg
			got, err := s.Export(done.ConversationID, 0, tc.format)
			if err != nil || got != dlg.path {
				t.Fatalf("export: %q %v", got, err)
			}
			if dlg.defaultName != tc.wantName {
				t.Fatalf("the dialog offered %q, want %q", dlg.defaultName, tc.wantName)
			}
			b, err := os.ReadFile(got)
			must(t, err)
			want, _, err := s.exportText(done.ConversationID, 0, tc.format)
			must(t, err)
			if string(b) != want {
				t.Fatalf("file holds\n%s\nwant\n%s", b, want)
			}
			tc.check(t, string(b))
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Fatalf("left behind: %v", entries)
			}
		})
	}
}

// jsonString is s as it appears inside a JSON string.
func jsonString(t *testing.T, s string) string {
	b, err := json.Marshal(s)
	must(t, err)
	return strings.Trim(string(b), `"`)
}

func TestChatExportRefusals(t *testing.T) {
	s, ev := newTestChat(t)
	done := ev.answered(t)(s.Send(0, 0, "Once upon a time"))
	dir := t.TempDir()
	cases := []struct {
		name    string
		dlg     dialogs
		conv    int64
		format  string
		wantErr string
	}{
		{"no window", noDialogs{}, done.ConversationID, "markdown", errNoWindow.Error()},
		{"cancelled", &savingDialogs{path: ""}, done.ConversationID, "markdown", ""},
		{"unknown format", &savingDialogs{path: filepath.Join(dir, "x.txt")}, done.ConversationID, "pdf", "export as markdown or json"},
		{"gone conversation", &savingDialogs{path: filepath.Join(dir, "x.md")}, done.ConversationID + 99, "markdown", "that conversation no longer exists"},
		{"unwritable folder", &savingDialogs{path: filepath.Join(dir, "missing", "x.md")}, done.ConversationID, "markdown", "cannot be written there"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s.dialogs = tc.dlg
			got, err := s.Export(tc.conv, 0, tc.format)
			if got != "" {
				t.Fatalf("export returned a path %q", got)
			}
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("error %v, want %q", err, tc.wantErr)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a refused export wrote %v", entries)
	}
}
