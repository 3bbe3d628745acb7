package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine/modelgen"
	"github.com/hearth-app/hearth/memory"
)

// longPieces is the answer of the long-context scripted model: 96 pieces
// make a vocabulary of 355 tokens, so a width of 384 and four heads of 96
// values, which Q8_0 blocks divide.
var longPieces = func() []string {
	p := make([]string, 96)
	for i := range p {
		p[i] = fmt.Sprintf("w%02d", i)
	}
	return p
}()

// Shape of the long-context model's KV cache: one layer, four KV heads of
// 96 values; F16 takes 2 bytes a value, Q8_0 34 bytes a block of 32.
const (
	longKVValues   = 4 * 96
	longF16PerPos  = 2 * 1 * longKVValues * 2 // keys and values, one layer
	longQ8PerPos   = 2 * 1 * longKVValues / 32 * 34
	longTrainedCtx = 8192
)

// WriteLongContextModel writes a scripted model trained on 8,192 tokens
// whose greedy answer to anything is LongAnswer (exported for the CLI
// tests).
func WriteLongContextModel(t *testing.T, path string) {
	t.Helper()
	if err := modelgen.WriteScripted(path, modelgen.Scripted{Name: "long", Pieces: longPieces, Context: longTrainedCtx}); err != nil {
		t.Fatal(err)
	}
}

// LongAnswer is the long-context model's answer.
var LongAnswer = strings.Join(longPieces, "")

// LongPrompt is a message of more than 4,096 tokens and fewer than 8,192
// for the long-context model: each letter is a byte token.
var LongPrompt = strings.Repeat("abcdefghij", 500)

func TestEngineSettingsSealedAcrossLock(t *testing.T) {
	s, _, svc := newSettingsTest(t)
	e, err := s.Engine()
	must(t, err)
	if e != (EngineSettings{Context: 0, KVCache: "f16"}) {
		t.Fatalf("settings of a new store: %+v, want automatic and f16", e)
	}
	must(t, s.SetEngine(EngineSettings{Context: 16384, KVCache: "Q8_0"}))
	must(t, svc.Lock())
	if _, err := s.Engine(); !errors.Is(err, ErrLocked) {
		t.Fatalf("Engine while locked: %v, want ErrLocked", err)
	}
	if err := s.SetEngine(EngineSettings{Context: 2048, KVCache: "f16"}); !errors.Is(err, ErrLocked) {
		t.Fatalf("SetEngine while locked: %v, want ErrLocked", err)
	}
	must(t, svc.Unlock(settingsPass))
	e, err = s.Engine()
	must(t, err)
	if e != (EngineSettings{Context: 16384, KVCache: "q8_0"}) {
		t.Fatalf("settings after unlocking: %+v", e)
	}
	// Sealed: nothing of the setting is on the disk in the clear.
	must(t, filepath.WalkDir(s.DataDir(), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err == nil && (strings.Contains(string(b), "kvCache") || strings.Contains(string(b), "q8_0")) {
			t.Errorf("%s holds the engine setting in the clear", p)
		}
		return err
	}))
}

func TestEngineSettingsRefused(t *testing.T) {
	s, _, _ := newSettingsTest(t)
	must(t, s.SetEngine(EngineSettings{Context: 8192, KVCache: "f16"}))
	for _, bad := range []EngineSettings{
		{Context: 511, KVCache: "f16"}, {Context: -1, KVCache: "f16"}, {Context: 1<<20 + 1, KVCache: "f16"},
		{Context: 8192, KVCache: "q4_0"}, {Context: 8192, KVCache: ""},
	} {
		err := s.SetEngine(bad)
		if err == nil {
			t.Errorf("%+v was accepted", bad)
			continue
		}
		if msg := err.Error(); strings.Contains(msg, "\n") || strings.Count(msg, ". ") > 0 {
			t.Errorf("%+v: %q is not one sentence", bad, msg)
		}
		if _, err := s.EngineEstimate(bad); err == nil {
			t.Errorf("EngineEstimate(%+v) was not refused", bad)
		}
	}
	if e, _ := s.Engine(); e != (EngineSettings{Context: 8192, KVCache: "f16"}) {
		t.Fatalf("a refused setting changed the kept one: %+v", e)
	}
}

// newLongChat is a chat service whose default model is the long-context
// one, with the settings service over the same store.
func newLongChat(t *testing.T) (*ChatService, *chatEvents, *SettingsService, string) {
	t.Helper()
	s, ev := newTestChat(t)
	path := filepath.Join(t.TempDir(), "long.gguf")
	WriteLongContextModel(t, path)
	m, err := NewModelsService(s.vault, ev, noDialogs{}).Import(path)
	must(t, err)
	settings := NewSettingsService(s.vault, noDialogs{})
	must(t, settings.SetDefaultModel(m.Name))
	return s, ev, settings, m.Name
}

func TestEngineEstimate(t *testing.T) {
	_, _, settings, name := newLongChat(t)
	cases := []struct {
		set  EngineSettings
		want EngineEstimate
	}{
		{EngineSettings{KVCache: "f16"}, EngineEstimate{Model: name, Trained: 8192, Context: 4096, KVCache: "f16", KVBytes: 4096 * longF16PerPos}},
		{EngineSettings{Context: 6000, KVCache: "q8_0"}, EngineEstimate{Model: name, Trained: 8192, Context: 6000, KVCache: "q8_0", KVBytes: 6000 * longQ8PerPos}},
		{EngineSettings{Context: 16384, KVCache: "q8_0"}, EngineEstimate{Model: name, Trained: 8192, Context: 8192, KVCache: "q8_0", KVBytes: 8192 * longQ8PerPos,
			Note: name + " was trained on 8,192 tokens, so it gets 8,192, not 16,384."}},
	}
	for _, c := range cases {
		got, err := settings.EngineEstimate(c.set)
		must(t, err)
		if got != c.want {
			t.Errorf("EngineEstimate(%+v) = %+v, want %+v", c.set, got, c.want)
		}
	}
	// stories260K's heads (8 values) take no Q8_0 blocks: it keeps F16, and says so.
	must(t, settings.SetDefaultModel("stories260k"))
	got, err := settings.EngineEstimate(EngineSettings{KVCache: "q8_0"})
	must(t, err)
	if got.KVCache != "f16" || got.Context != 128 || !strings.Contains(got.Note, "keeps an F16 KV cache") {
		t.Errorf("stories260K with q8_0: %+v", got)
	}
}

// TestChatContextFollowsSettings sends the window's chat a message longer
// than the standard 4,096 tokens: refused with the numbers, then, once the
// context is raised in Settings (no restart), answered by the model loaded
// again with the context and the Q8_0 cache chosen.
func TestChatContextFollowsSettings(t *testing.T) {
	s, ev, settings, name := newLongChat(t)
	res, err := s.Send(0, 0, LongPrompt)
	must(t, err)
	ev.wait(t, res.RequestID)
	_, failed, _ := ev.result(res.RequestID)
	if failed.Kind != failContextFull || !strings.Contains(failed.Message, "holds 4,096") ||
		!strings.Contains(failed.Message, "trained on 8,192") || !strings.Contains(failed.Message, "Settings") {
		t.Fatalf("at the standard context: %+v, want a context-full sentence with the numbers", failed)
	}

	set := EngineSettings{Context: 8192, KVCache: "q8_0"}
	must(t, settings.SetEngine(set))
	est, err := settings.EngineEstimate(set)
	must(t, err)
	done := ev.answered(t)(s.Edit(res.UserMessage.ID, LongPrompt))
	if done.Message.Text != LongAnswer || done.Message.Model != name {
		t.Fatalf("answer %q by %q, want the scripted one by %q", done.Message.Text, done.Message.Model, name)
	}
	if done.Stats.PromptTokens <= 4096 || done.Stats.KVContextBytes != 8192*longQ8PerPos || done.Stats.KVContextBytes != est.KVBytes {
		t.Fatalf("stats %+v: want a prompt over 4,096 tokens in a Q8_0 cache of 8,192 positions, %d bytes (estimated %d)",
			done.Stats, 8192*longQ8PerPos, est.KVBytes)
	}
}

// runHearth runs the command line in-process, as a new process started
// with HEARTH_PASSPHRASE (which Run takes out of the environment).
func runHearth(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	pass := os.Getenv("HEARTH_PASSPHRASE")
	var out, errb strings.Builder
	code := Run(context.Background(), args, IO{In: strings.NewReader(stdin), Out: &out, Err: &errb})
	os.Setenv("HEARTH_PASSPHRASE", pass)
	return code, out.String(), errb.String()
}

// TestCommandLineReadsEngineSetting keeps a context of 8,192 tokens in the
// store, as the window's Settings does: generate and chat with an
// installed model's name use it, and --context overrides it for one run.
func TestCommandLineReadsEngineSetting(t *testing.T) {
	t.Setenv("HEARTH_HOME", t.TempDir())
	t.Setenv("HEARTH_PASSPHRASE", "engine setting")
	path := filepath.Join(t.TempDir(), "long.gguf")
	WriteLongContextModel(t, path)
	if code, out, errs := runHearth(t, "", "models", "import", "--name", "long", path); code != 0 {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	saved, err := json.Marshal(EngineSettings{Context: 8192, KVCache: "f16"})
	must(t, err)
	must(t, withStore(context.Background(), IO{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard}, func(st *memory.Store) error {
		return st.SetSetting(context.Background(), engineSetting, saved)
	}))
	os.Setenv("HEARTH_PASSPHRASE", "engine setting") // taken by the store's opening, as Run takes it
	gen := []string{"generate", "--model", "long", "--prompt", LongPrompt, "--temperature", "0", "--max-tokens", "200"}
	if code, out, errs := runHearth(t, "", gen...); code != 0 || out != LongAnswer+"\n" {
		t.Fatalf("generate with the kept 8,192: exit %d, out %q, err %q", code, out, errs)
	}
	if code, _, errs := runHearth(t, "", append(gen, "--context", "auto")...); code != 1 || !strings.Contains(errs, "the context holds 4096") {
		t.Fatalf("generate --context auto: exit %d, err %q; want the standard 4,096 refused", code, errs)
	}
	chat := []string{"chat", "--model", "long", "--no-tools", "--temperature", "0", "--max-tokens", "200"}
	if code, out, errs := runHearth(t, LongPrompt+"\n/exit\n", chat...); code != 0 || out != LongAnswer+"\n" {
		t.Fatalf("chat with the kept 8,192: exit %d, out %q, err %q", code, out, errs)
	}
	if code, _, errs := runHearth(t, LongPrompt+"\n/exit\n", append(chat, "--context", "1024")...); code != 1 || !strings.Contains(errs, "the context holds 1024") {
		t.Fatalf("chat --context 1024: exit %d, err %q", code, errs)
	}
}

// TestAPIServerContextFollowsSettings: the window's API server, already
// running, answers a request over 4,096 tokens once the context is raised
// in Settings, without a restart.
func TestAPIServerContextFollowsSettings(t *testing.T) {
	s, v, _ := newSettingsTest(t)
	s.dialogs = &answeringDialogs{yes: true}
	path := filepath.Join(t.TempDir(), "long.gguf")
	WriteLongContextModel(t, path)
	m, err := NewModelsService(v, newEventLog(), noDialogs{}).Import(path)
	must(t, err)
	st, err := s.StartAPIServer()
	must(t, err)
	body := fmt.Sprintf(`{"model":%q,"max_tokens":200,"temperature":0,"messages":[{"role":"user","content":%q}]}`, m.Name, LongPrompt)
	if status, got := apiCall(t, st, st.Token, "POST", "/chat/completions", body); status != 400 || !strings.Contains(got, "context_length_exceeded") {
		t.Fatalf("at the standard context: %d %s, want 400 context_length_exceeded", status, got)
	}
	must(t, s.SetEngine(EngineSettings{Context: 8192, KVCache: "f16"}))
	if status, got := apiCall(t, st, st.Token, "POST", "/chat/completions", body); status != 200 || !strings.Contains(got, LongAnswer) {
		t.Fatalf("with the context raised: %d %s", status, got)
	}
}
