package app_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hearth-app/hearth/app"
	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/modelgen"
	oaiclient "github.com/hearth-app/hearth/engine/openai"
)

// These tests point the OpenAI-compatible backend at a real `hearth serve`
// (the embedded engine behind Hearth's own API server), run as a child
// process (this test binary again), so that a test can SIGKILL it
// mid-stream. Its models are scripted (engine/modelgen): their greedy
// answer is known, tool calls included.

const (
	serveChildEnv = "HEARTH_TEST_SERVE_CHILD"
	servePass     = "openai backend test"
)

// storyPieces is the answer of the "story" model, over and over.
var storyPieces = []string{"Once ", "upon ", "a ", "time, "}

// TestOpenAIServeChild is not a test: it is the `hearth serve` child.
func TestOpenAIServeChild(t *testing.T) {
	addr := os.Getenv(serveChildEnv)
	if addr == "" {
		t.Skip("child process only")
	}
	os.Exit(app.Run(context.Background(), []string{"serve", "--addr", addr}, app.IO{In: strings.NewReader(""), Out: os.Stdout, Err: os.Stderr}))
}

// serveChild is a running `hearth serve`.
type serveChild struct {
	cmd   *exec.Cmd
	url   string // http://127.0.0.1:PORT/v1
	host  string // 127.0.0.1:PORT
	token string
}

// kill SIGKILLs the child and waits for it.
func (c *serveChild) kill() {
	_ = c.cmd.Process.Signal(syscall.SIGKILL)
	_ = c.cmd.Wait()
}

// serveHome makes a data directory with the scripted models installed:
// "story" (loops storyPieces), "calling" (says "Checking." and calls
// get_weather the Qwen way, with the real Qwen2.5 template), "phicalling"
// (the same the Phi-4-mini way, with its real template) and "embed" (a
// small nomic-bert embedding model). It sets HEARTH_HOME and
// HEARTH_PASSPHRASE for the test and returns the embedding model's file.
func serveHome(t *testing.T) string {
	t.Helper()
	t.Setenv("HEARTH_HOME", t.TempDir())
	t.Setenv("HEARTH_PASSPHRASE", servePass)
	tmpl, err := os.ReadFile("../engine/chattemplate/testdata/templates/qwen2.5-7b-instruct.jinja")
	check(t, err)
	phiTmpl, err := os.ReadFile("../engine/chattemplate/testdata/templates/phi-4-mini-instruct.jinja")
	check(t, err)
	dir := t.TempDir()
	scripts := []modelgen.Scripted{
		{Name: "story", Pieces: storyPieces, Loop: true},
		{Name: "calling", Pieces: append([]string{"Checking."}, calling("get_weather", "{\"city\": ", "\"Paris\"}")...), ChatTemplate: string(tmpl)},
		{Name: "phicalling", Pieces: []string{"Checking.", "<|tool_call|>", "[{\"name\": \"get_weather\", ", "\"arguments\": {\"city\": ",
			"\"Paris\"}}]", "<|/tool_call|>"}, ChatTemplate: string(phiTmpl)},
	}
	for _, s := range scripts {
		path := filepath.Join(dir, s.Name+".gguf")
		check(t, modelgen.WriteScripted(path, s))
		importModel(t, s.Name, path)
	}
	embed := testEmbeddingModel(t)
	importModel(t, "embed", embed)
	return embed
}

// calling is the text of a Qwen tool call.
func calling(name string, args ...string) []string {
	return append([]string{"<tool_call>", "\n{\"name\": \"" + name + "\", ", "\"arguments\": "}, append(args, "}\n</tool_call>")...)
}

func importModel(t *testing.T, name, path string) {
	t.Helper()
	if code, out, errs := runCtx(context.Background(), "models", "import", "--name", name, path); code != 0 {
		t.Fatalf("import %s: %d %s %s", name, code, out, errs)
	}
}

var serveToken = regexp.MustCompile(`^API token: (hearth-[0-9a-f]{64})$`)

// startServe starts `hearth serve` over the data directory serveHome made.
func startServe(t *testing.T) *serveChild {
	t.Helper()
	addr := freeAddr(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestOpenAIServeChild$")
	cmd.Env = append(os.Environ(), serveChildEnv+"="+addr, "HEARTH_OLLAMA_BIN=/nonexistent", "OLLAMA_HOST=127.0.0.1:9")
	out, err := cmd.StdoutPipe()
	check(t, err)
	check(t, cmd.Start())
	c := &serveChild{cmd: cmd, url: "http://" + addr + "/v1", host: addr}
	t.Cleanup(c.kill)
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	timeout := time.After(60 * time.Second)
	for c.token == "" {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("hearth serve ended before it showed its token")
			}
			if m := serveToken.FindStringSubmatch(l); m != nil {
				c.token = m[1]
			}
		case <-timeout:
			t.Fatal("hearth serve did not start in 60 s")
		}
	}
	go func() {
		for range lines {
		}
	}()
	return c
}

// check fails the test at once on an error.
func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// sentence is what the person is shown of an error from the backend.
func sentence(err error) string {
	if oe, ok := errors.AsType[*oaiclient.Error](err); ok {
		return oe.Msg
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

// backend is the OpenAI-compatible backend for the child, with key.
func (c *serveChild) backend(t *testing.T, key string) *oaiclient.Backend {
	t.Helper()
	b, err := oaiclient.New(oaiclient.Config{URL: c.url, APIKey: key})
	check(t, err)
	return b
}

// generate runs req to its end.
func generate(ctx context.Context, b engine.Backend, req engine.Request) (text string, calls []engine.ToolCall, last engine.Chunk, err error) {
	var sb strings.Builder
	for c, err := range b.Generate(ctx, req) {
		if err != nil {
			return sb.String(), calls, last, err
		}
		sb.WriteString(c.Text)
		calls = append(calls, c.ToolCalls...)
		last = c
	}
	return sb.String(), calls, last, nil
}

func TestOpenAIBackendOnHearthServe(t *testing.T) {
	embedModel := serveHome(t)
	srv := startServe(t)
	b := srv.backend(t, srv.token)
	ctx := context.Background()

	t.Run("models", func(t *testing.T) {
		models, err := b.List(ctx)
		check(t, err)
		var names []string
		for _, m := range models {
			names = append(names, m.Name)
		}
		slices.Sort(names)
		if strings.Join(names, " ") != "calling embed phicalling story" {
			t.Errorf("models %v", names)
		}
	})
	t.Run("streamed chat", func(t *testing.T) {
		var pieces []string
		req := engine.Request{Model: "story", Messages: []engine.Message{{Role: "user", Content: "Tell a story."}}, Options: engine.Options{MaxTokens: 10}}
		var last engine.Chunk
		for c, err := range b.Generate(ctx, req) {
			check(t, err)
			if c.Text != "" {
				pieces = append(pieces, c.Text)
			}
			last = c
		}
		want := slices.Repeat(storyPieces, 3)[:10]
		if !slices.Equal(pieces, want) {
			t.Errorf("pieces %q, want %q one by one", pieces, want)
		}
		if !last.Done || last.Stats == nil || last.Stats.GeneratedTokens != 10 || last.Stats.StopReason != "length" {
			t.Errorf("last chunk %+v", last)
		}
	})
	for _, model := range []string{"calling", "phicalling"} {
		t.Run("tool call/"+model, func(t *testing.T) {
			req := engine.Request{Model: model, Messages: []engine.Message{{Role: "user", Content: "Weather in Paris?"}},
				Tools: []engine.Tool{{Name: "get_weather", Description: "The weather in a city.",
					Parameters: json.RawMessage(`{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}`)}},
				Options: engine.Options{MaxTokens: 60}}
			text, calls, last, err := generate(ctx, b, req)
			check(t, err)
			if text != "Checking." || len(calls) != 1 || calls[0].Name != "get_weather" || string(calls[0].Arguments) != `{"city":"Paris"}` || calls[0].ID == "" {
				t.Fatalf("text %q, calls %+v", text, calls)
			}
			if !last.Done {
				t.Error("no final chunk after the call")
			}
			// The answer to the call goes back with the call's id.
			req.Messages = append(req.Messages, engine.Message{Role: "assistant", ToolCalls: calls},
				engine.Message{Role: "tool", ToolCallID: calls[0].ID, Content: `{"sky":"clear"}`})
			if _, _, _, err := generate(ctx, b, req); err != nil {
				t.Fatalf("the round after the call: %v", err)
			}
		})
	}
	t.Run("embeddings", func(t *testing.T) {
		texts := []string{"a cup of tea", "the harbour at night"}
		vecs, err := b.Embed(ctx, "embed", texts)
		check(t, err)
		code, out, errs := runCtx(ctx, append([]string{"embed", "--model", embedModel, "--json"}, texts...)...)
		if code != 0 {
			t.Fatalf("hearth embed: %d %s", code, errs)
		}
		var want [][]float32
		check(t, json.Unmarshal([]byte(out), &want))
		if len(vecs) != 2 || !slices.Equal(vecs[0], want[0]) || !slices.Equal(vecs[1], want[1]) {
			t.Errorf("vectors through the API differ from hearth embed's")
		}
	})
	t.Run("wrong key", func(t *testing.T) {
		const wrong = "hearth-0000000000000000000000000000000000000000000000000000000000000000"
		_, err := srv.backend(t, wrong).List(ctx)
		want := "the server at " + srv.host + " refused the API key"
		if !errors.Is(err, oaiclient.ErrKeyRefused) || sentence(err) != want || strings.Contains(err.Error(), wrong) {
			t.Errorf("wrong key: %q, want %q", err, want)
		}
		_, _, _, err = generate(ctx, srv.backend(t, ""), engine.Request{Model: "story", Prompt: "x"})
		if sentence(err) != want {
			t.Errorf("no key: %q", err)
		}
	})
	t.Run("command line", func(t *testing.T) {
		t.Setenv("HEARTH_API_KEY", srv.token)
		code, out, errs := runCtx(ctx, "generate", "--backend", "openai", "--server", srv.url, "--model", "story", "--prompt", "Go on", "--max-tokens", "4", "--temperature", "0")
		if code != 0 || out != strings.Join(storyPieces, "")+"\n" {
			t.Errorf("generate: %d %q %q", code, out, errs)
		}
		t.Setenv("HEARTH_API_KEY", "hearth-wrong")
		code, _, errs = runCtx(ctx, "generate", "--backend", "openai", "--server", srv.url, "--model", "story", "--prompt", "Go on")
		if code != app.ExitFailure || errs != "hearth: the server at "+srv.host+" refused the API key\n" {
			t.Errorf("generate with a wrong key: %d %q", code, errs)
		}
	})
}

// TestOpenAIBackendServeKilled kills `hearth serve` while it streams: the
// generation ends with one sentence, matching ErrBackendDown.
func TestOpenAIBackendServeKilled(t *testing.T) {
	serveHome(t)
	srv := startServe(t)
	b := srv.backend(t, srv.token)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	n := 0
	var last error
	req := engine.Request{Model: "story", Messages: []engine.Message{{Role: "user", Content: "Tell a story."}}, Options: engine.Options{MaxTokens: 1_000_000}}
	for _, err := range b.Generate(ctx, req) {
		if err != nil {
			last = err
			break
		}
		if n++; n == 5 {
			srv.kill()
		}
	}
	if ctx.Err() != nil {
		t.Fatal("the generation hung after the server was killed")
	}
	want := "the server at " + srv.host + " stopped before the answer was complete"
	if !errors.Is(last, engine.ErrBackendDown) || sentence(last) != want {
		t.Errorf("after the kill: %q, want %q", last, want)
	}
}

// TestModelsConnectServer connects the Models view to a real `hearth
// serve` on this computer (no question: it is loopback), with the wrong
// key first.
func TestModelsConnectServer(t *testing.T) {
	serveHome(t)
	srv := startServe(t)
	storeDir := filepath.Join(t.TempDir(), "store")
	v := app.NewVault(storeDir, noEvents{})
	t.Cleanup(func() { v.Close() })
	_, err := app.NewVaultService(v).Create("models connect test")
	check(t, err)
	m := app.NewModelsService(v, noEvents{}, nil)

	if st, err := m.OpenAIStatus(); err != nil || st.Connected {
		t.Fatalf("before connecting: %+v %v", st, err)
	}
	_, err = m.ConnectServer(srv.url, "hearth-wrong")
	if want := "the server at " + srv.host + " refused the API key"; err == nil || err.Error() != want {
		t.Fatalf("wrong key: %v, want %q", err, want)
	}
	if st, _ := m.OpenAIStatus(); st.Connected {
		t.Fatal("a server that refused the key was kept")
	}

	st, err := m.ConnectServer(srv.host, srv.token) // no scheme, no /v1: the defaults
	check(t, err)
	if !st.Connected || !st.Reachable || st.Remote || !st.Plain || !st.HasKey || st.URL != srv.url || len(st.Models) != 4 {
		t.Fatalf("connected: %+v", st)
	}
	again, err := m.OpenAIStatus()
	if err != nil || !again.Reachable || again.Host != srv.host {
		t.Fatalf("status after connecting: %+v %v", again, err)
	}
	installed, err := m.Installed()
	check(t, err)
	if !slices.ContainsFunc(installed, func(im app.InstalledModel) bool {
		return im.Name == "story" && im.Backend == "openai" && im.Source == srv.host
	}) {
		t.Errorf("the server's models are not installed ones with their source: %+v", installed)
	}
	chatModels, err := app.NewChatService(v, noEvents{}, nil).Models()
	check(t, err)
	if !slices.ContainsFunc(chatModels, func(cm app.ChatModel) bool { return cm.ID == "openai:story" && cm.Details == srv.host }) {
		t.Errorf("the chat picker lacks openai:story: %+v", chatModels)
	}
	checkNotOnDisk(t, filepath.Dir(storeDir), srv.token)

	check(t, m.DisconnectServer())
	if st, _ := m.OpenAIStatus(); st.Connected {
		t.Error("still connected after DisconnectServer")
	}
}

// checkNotOnDisk fails when secret is in any file under dir: the key is
// kept sealed.
func checkNotOnDisk(t *testing.T, dir, secret string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err == nil && strings.Contains(string(b), secret) {
			t.Errorf("the key is in the clear in %s", p)
		}
		return nil
	})
	check(t, err)
}
