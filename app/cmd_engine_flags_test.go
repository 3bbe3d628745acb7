package app_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hearth-app/hearth/app"
)

// TestGenerateContextFlag runs `hearth generate` on a model trained on
// 8,192 tokens with a prompt of more than 4,096: refused at the standard
// context with the numbers and the way out, answered with --context.
func TestGenerateContextFlag(t *testing.T) {
	t.Setenv("HEARTH_HOME", t.TempDir())
	model := filepath.Join(t.TempDir(), "long.gguf")
	app.WriteLongContextModel(t, model)
	gen := []string{"generate", "--model", model, "--prompt", app.LongPrompt, "--temperature", "0", "--max-tokens", "200"}

	code, out, errOut := run(t, gen...)
	if code != 1 || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "the context holds 4096") ||
		!strings.Contains(errOut, "trained on 8192 tokens: pass --context") {
		t.Fatalf("standard context: exit %d, out %q, err %q; want one line with the numbers and --context", code, out, errOut)
	}
	code, out, errOut = run(t, append(gen, "--context", "8192")...)
	if code != 0 || out != app.LongAnswer+"\n" || errOut != "" {
		t.Fatalf("--context 8192: exit %d, out %q, err %q", code, out, errOut)
	}
	code, out, errOut = run(t, append(gen, "--context", "16384", "--kv", "q8_0")...)
	if code != 0 || out != app.LongAnswer+"\n" || errOut != "hearth: note: long was trained on 8,192 tokens, so it gets 8,192, not 16,384.\n" {
		t.Fatalf("--context 16384 --kv q8_0: exit %d, out %q, err %q; want the answer and a note on the trained context", code, out, errOut)
	}
}

// TestEngineNoteEscaped names the model file with an escape sequence:
// the note that names it shows the sequence as an escape, not as a command
// to the terminal.
func TestEngineNoteEscaped(t *testing.T) {
	t.Setenv("HEARTH_HOME", t.TempDir())
	model := filepath.Join(t.TempDir(), "long\x1b]52;c;aGk=\x07.gguf")
	app.WriteLongContextModel(t, model)
	code, _, errOut := run(t, "generate", "--model", model, "--prompt", "hi", "--temperature", "0",
		"--max-tokens", "5", "--context", "16384")
	if code != 0 || strings.ContainsAny(errOut, "\x1b\x07") || !strings.Contains(errOut, "hearth: note: long") {
		t.Fatalf("exit %d, err %q; want the note with the file name escaped", code, errOut)
	}
}

func TestEngineFlagsRefused(t *testing.T) {
	t.Setenv("HEARTH_HOME", t.TempDir())
	t.Setenv("HEARTH_PASSPHRASE", "engine flags")
	for _, cmd := range [][]string{
		{"generate", "--model", "x.gguf", "--prompt", "hi"}, {"chat", "--model", "x"}, {"ask", "a question"}, {"serve", "--addr", "127.0.0.1:0"},
	} {
		for _, bad := range [][]string{{"--context", "100"}, {"--context", "lots"}, {"--context", "99999999"}, {"--kv", "q4_0"}} {
			t.Run(cmd[0]+" "+strings.Join(bad, " "), func(t *testing.T) {
				expectFailure(t, append(cmd, bad...), 2, bad[0]+" must be")
			})
		}
	}
}

// TestServeContextFlag serves with --context and --kv: the start line says
// what the engine loads with, and a request longer than 4,096 tokens is
// answered.
func TestServeContextFlag(t *testing.T) {
	t.Setenv("HEARTH_HOME", t.TempDir())
	t.Setenv("HEARTH_PASSPHRASE", "serve context")
	model := filepath.Join(t.TempDir(), "long.gguf")
	app.WriteLongContextModel(t, model)
	if code, out, errs := runCtx(context.Background(), "models", "import", "--name", "long", model); code != 0 {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	addr := freeAddr(t)
	var out, errb lockedBuffer
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	done := make(chan int, 1)
	go func() {
		done <- app.Run(ctx, []string{"serve", "--addr", addr, "--context", "8192", "--kv", "q8_0"}, app.IO{In: strings.NewReader(""), Out: &out, Err: &errb})
	}()
	token := waitForToken(t, &out, done)
	if !strings.Contains(out.String(), "with the embedded engine (context 8192 tokens, KV cache q8_0)") {
		t.Errorf("start: %q", out.String())
	}
	body := fmt.Sprintf(`{"model":"long","max_tokens":200,"temperature":0,"messages":[{"role":"user","content":%q}]}`, app.LongPrompt)
	req, _ := http.NewRequest("POST", "http://"+addr+"/v1/chat/completions", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), app.LongAnswer) {
		t.Fatalf("a request over 4,096 tokens: %d %s", resp.StatusCode, b)
	}
	stop()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}

// TestAskContextFlag answers from a document with the long-context model:
// ask takes --context and --kv too (the note says the model got its
// trained 8,192 tokens, not the 16,384 asked).
func TestAskContextFlag(t *testing.T) {
	setHome(t, t.TempDir())
	model := filepath.Join(t.TempDir(), "long.gguf")
	app.WriteLongContextModel(t, model)
	lib := t.TempDir()
	writeDoc(t, filepath.Join(lib, "pets.md"), "# Pets\n\nThe little dog likes to play in the park.\n")
	mustRun(t, "docs", "add", lib)
	code, out, errOut := run(t, "ask", "--model", model, "--temperature", "0", "--max-tokens", "200", "--context", "16384", "--kv", "q8_0", "where does the little dog play?")
	if code != 0 || !strings.HasPrefix(out, app.LongAnswer+"\n") || !strings.Contains(out, "pets.md") ||
		!strings.Contains(errOut, "hearth: note: long was trained on 8,192 tokens, so it gets 8,192, not 16,384.") {
		t.Fatalf("ask --context 16384: exit %d, out %q, err %q", code, out, errOut)
	}
}
