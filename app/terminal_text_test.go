package app

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/memory"
)

func TestTerminalText(t *testing.T) {
	for in, want := range map[string]string{
		"1 mi = 1.609344 km":           "1 mi = 1.609344 km",
		"two\nlines\tand a tab":        "two\nlines\tand a tab",
		"\x1b]52;c;ZXZpbA==\x07copied": `\u001b]52;c;ZXZpbA==\u0007copied`,
		"harmless\rrm -rf ~":           `harmless\u000drm -rf ~`,
		"\u009b31mC1 CSI":              `\u009b31mC1 CSI`,
		"abc\u202edef":                 `abc\u202edef`,
		"stray \x9b31m byte":           `stray \x9b31m byte`,
		"café ☕ 日本":                    "café ☕ 日本",
		"":                             "",
	} {
		if got := terminalText(in); got != want {
			t.Errorf("terminalText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTerminalWriter streams text cut at every byte: characters split
// between pieces print whole, and the escapes are those of terminalText
// on the whole text.
func TestTerminalWriter(t *testing.T) {
	for _, text := range []string{
		"café ☕ 日本 🦔",
		"C1 \u009b31m split, ESC \x1b[2J and \u202e bidi",
		"bad \xc3 then \xe2\x98 end",
		"ends mid-character \xe2\x98",
	} {
		for cut := 1; cut < 4; cut++ {
			var out bytes.Buffer
			w := newTerminalWriter(&out)
			for i := 0; i < len(text); i += cut {
				io.WriteString(w, text[i:min(i+cut, len(text))])
			}
			w.Flush()
			if want := terminalText(text); out.String() != want {
				t.Errorf("%q in pieces of %d printed %q, want %q", text, cut, out.String(), want)
			}
		}
	}
}

// TestModelAnswerEscapedOnTerminal has the real engine, on a scripted
// model, answer with escape sequences (set the clipboard, clear the
// screen, hide a line behind a carriage return): `hearth generate` prints
// them as escapes, and the stored answer keeps them as the model said them.
func TestModelAnswerEscapedOnTerminal(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HEARTH_HOME", home)
	t.Setenv("HEARTH_PASSPHRASE", "pass")
	pieces := []string{"Sure", "\x1b]52;c;cm0gLXJmIH4=\x07", " done", "\x1b[2J", "\rinnocent", "\u009b"}
	model := scriptedModel(t, "hostile", 0, pieces)
	var out, errb bytes.Buffer
	code := Run(context.Background(), []string{"generate", "--model", model, "--prompt", "hi", "--temperature", "0", "--max-tokens", "20", "--save"},
		IO{In: strings.NewReader(""), Out: &out, Err: &errb})
	if code != 0 {
		t.Fatalf("generate: exit %d: %s", code, errb.String())
	}
	said := strings.Join(pieces, "")
	if got, want := strings.TrimSuffix(out.String(), "\n"), terminalText(said); got != want {
		t.Errorf("printed %q, want %q", got, want)
	}
	if strings.ContainsAny(out.String(), "\x1b\x07\r\u009b") {
		t.Errorf("printed a control character: %q", out.String())
	}
	st, err := memory.Open(context.Background(), filepath.Join(home, "store"), memory.Passphrase("pass"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	convs, err := st.Conversations(context.Background())
	if err != nil || len(convs) != 1 {
		t.Fatalf("conversations %+v, %v", convs, err)
	}
	msgs, err := st.Messages(context.Background(), convs[0].ID)
	if err != nil || len(msgs) != 2 || msgs[1].Text != said {
		t.Fatalf("stored %+v, %v; want the answer as said", msgs, err)
	}
}

// TestDocumentTextEscapedOnTerminal indexes a document whose text and file
// name carry escape sequences: `hearth docs search` and `docs status`
// print them as escapes.
func TestDocumentTextEscapedOnTerminal(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HEARTH_HOME", home)
	t.Setenv("HEARTH_PASSPHRASE", "pass")
	dir := t.TempDir()
	name := filepath.Join(dir, "notes\x1b]0;owned\x07.txt")
	if err := os.WriteFile(name, []byte("The walrus\x1b[8m hides\x1b]52;c;ZXZpbA==\x07 here.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "broken\x1b[31m.pdf")
	if err := os.WriteFile(bad, []byte("%PDF-1.4 not really"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"docs", "add", dir}, {"docs", "search", "walrus"}, {"docs", "status"}} {
		t.Setenv("HEARTH_PASSPHRASE", "pass") // Run takes it out of the environment
		var out, errb bytes.Buffer
		code := Run(context.Background(), args, IO{In: strings.NewReader(""), Out: &out, Err: &errb})
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
		if strings.ContainsAny(out.String()+errb.String(), "\x1b\x07") {
			t.Errorf("%v printed a control character: %q %q", args, out.String(), errb.String())
		}
		if args[1] == "search" && !strings.Contains(out.String(), `hides\u001b]52;c;ZXZpbA==\u0007 here`) {
			t.Errorf("search printed %q, want the snippet with its escapes shown", out.String())
		}
		if args[1] == "status" && !strings.Contains(out.String(), `broken\u001b[31m.pdf`) {
			t.Errorf("status printed %q, want the failed file's name with its escape shown", out.String())
		}
	}
}
