package app

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/hearth-app/hearth/engine/library"
	"github.com/hearth-app/hearth/engine/modelgen"
	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/plugins/bundle"
	"github.com/hearth-app/hearth/plugins/manager"
	"github.com/hearth-app/hearth/plugins/mcp"
	"github.com/hearth-app/hearth/plugins/tool"
)

// promptBackend is the real embedded engine answering with scripted
// models: a round that follows tool results is answered by the answering
// model, any other by the model scripted for the person's last line.
//
// For a line in wrongArgs, the tool call's arguments are replaced: a
// stand-in for a backend that does not constrain arguments to the schema
// (an OpenAI-compatible server, Ollama), since the embedded engine's
// constrained decoding cannot produce a call that does not fit.
type promptBackend struct {
	engine.Backend
	byLine    map[string]string
	wrongArgs map[string]string
	answer    string

	mu   sync.Mutex
	reqs []engine.Request
}

func (b *promptBackend) Generate(ctx context.Context, req engine.Request) iter.Seq2[engine.Chunk, error] {
	b.mu.Lock()
	b.reqs = append(b.reqs, req)
	b.mu.Unlock()
	last := req.Messages[len(req.Messages)-1]
	req.Model = b.answer
	if last.Role != "user" {
		return b.Backend.Generate(ctx, req)
	}
	req.Model = b.byLine[last.Content]
	wrong, ok := b.wrongArgs[last.Content]
	if !ok {
		return b.Backend.Generate(ctx, req)
	}
	return func(yield func(engine.Chunk, error) bool) {
		for chunk, err := range b.Backend.Generate(ctx, req) {
			for i := range chunk.ToolCalls {
				chunk.ToolCalls[i].Arguments = json.RawMessage(wrong)
			}
			if !yield(chunk, err) {
				return
			}
		}
	}
}

func (b *promptBackend) requests() []engine.Request {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]engine.Request(nil), b.reqs...)
}

// terminalChat is `hearth chat` over a fresh store with the real tool
// registry, its models scripted per line.
type terminalChat struct {
	st    *memory.Store
	b     *promptBackend
	tools *toolSet
	ctx   int
}

// scriptedModel writes a scripted model answering pieces with the real
// Qwen2.5 template, and returns its path.
func scriptedModel(t *testing.T, name string, context int, pieces []string) string {
	t.Helper()
	tmpl, err := os.ReadFile("../engine/chattemplate/testdata/templates/qwen2.5-7b-instruct.jinja")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name+".gguf")
	if err := modelgen.WriteScripted(path, modelgen.Scripted{Name: name, Pieces: pieces, ChatTemplate: string(tmpl), Context: context}); err != nil {
		t.Fatal(err)
	}
	return path
}

// newTerminalChat opens a store in a fresh HEARTH_HOME; answer is what the
// model says after tool results.
func newTerminalChat(t *testing.T, context int, answer []string) *terminalChat {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HEARTH_HOME", home)
	ctx := t.Context()
	st, _, err := memory.Create(ctx, filepath.Join(home, "store"), "pass")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	paths := &libraryCatalog{withLibrary: func(func(*library.Library) error) error { return errors.New("models are paths here") }}
	b := &promptBackend{Backend: embedded.NewBackend(paths, embedded.Options{ContextSize: context}), byLine: map[string]string{},
		wrongArgs: map[string]string{}, answer: scriptedModel(t, "answer", context, answer)}
	return &terminalChat{st: st, b: b, ctx: context}
}

// script makes line answered by a model that says pieces.
func (c *terminalChat) script(t *testing.T, line string, pieces []string) {
	t.Helper()
	c.b.byLine[line] = scriptedModel(t, "line"+string(rune('a'+len(c.b.byLine))), c.ctx, pieces)
}

// chat runs the session over input with the registry's tools, answering on
// a terminal when interactive, and returns stdout and stderr.
func (c *terminalChat) chat(t *testing.T, input string, interactive bool) (string, string) {
	t.Helper()
	ctx := t.Context()
	if c.tools == nil {
		ts, err := openTools(ctx, c.st, mcp.Options{}, os.Stderr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ts.Close(context.Background()) })
		c.tools = ts
	}
	var out, errOut strings.Builder
	// The terminal is a stand-in: `interactive` says the input is one, so
	// the answers in input are read as the person's.
	s := &chatSession{backend: c.b, gen: generationFlags{backend: backendEmbedded, model: "scripted", opts: engine.Options{MaxTokens: 200}},
		tools: &terminalTools{reg: c.tools.Registry, err: &errOut, interactive: interactive}}
	if err := s.run(ctx, IO{In: strings.NewReader(input), Out: &out, Err: &errOut}, c.st, &out); err != nil {
		t.Fatalf("chat: %v\nstderr: %s", err, errOut.String())
	}
	return out.String(), errOut.String()
}

// audit returns the registry's audit log.
func (c *terminalChat) audit(t *testing.T) []tool.AuditEntry {
	t.Helper()
	log, err := c.tools.Audit(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return log
}

// TestTerminalChatConversationGrant: a built-in that writes is asked about
// on the terminal (source, trust, name, exact arguments), allowed for the
// conversation, and not asked about again; the calls are stored with the
// answers and audited.
func TestTerminalChatConversationGrant(t *testing.T) {
	c := newTerminalChat(t, 0, []string{"Done."})
	c.script(t, "Remember that I own a boat.", calling("add_memory", "{\"text\": ", "\"I own a boat\"}"))
	c.script(t, "And that I sail.", calling("add_memory", "{\"text\": ", "\"I sail\"}"))
	out, errOut := c.chat(t, "Remember that I own a boat.\nc\nAnd that I sail.\n/exit\n", true)

	if n := strings.Count(errOut, "Allow add_memory from hearth (built into Hearth)?"); n != 1 {
		t.Fatalf("asked %d times, want once:\n%s", n, errOut)
	}
	for _, want := range []string{`arguments: {"text":"I own a boat"}`, "[o]nce, for this [c]onversation, [a]lways, [N]o"} {
		if !strings.Contains(errOut, want) {
			t.Fatalf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if strings.Count(out, "Done.") != 2 {
		t.Fatalf("stdout %q", out)
	}
	mems, err := c.st.Memories(t.Context())
	if err != nil || len(mems) != 2 {
		t.Fatalf("memories %+v %v", mems, err)
	}
	convs, err := c.st.Conversations(t.Context())
	if err != nil || len(convs) != 1 {
		t.Fatalf("conversations %+v %v", convs, err)
	}
	msgs, err := c.st.Messages(t.Context(), convs[0].ID)
	if err != nil || len(msgs) != 4 || msgs[1].Text != "Done." || len(msgs[1].ToolCalls) != 1 || msgs[1].ToolCalls[0].Name != "add_memory" || msgs[1].ToolCalls[0].Error != "" {
		t.Fatalf("stored messages %+v %v", msgs, err)
	}
	log := c.audit(t)
	if len(log) != 2 || log[0].ApprovedBy != "user (conversation)" || log[1].ApprovedBy != "grant" || log[0].Conversation != convs[0].ID {
		t.Fatalf("audit %+v", log)
	}
}

// TestTerminalChatNoTerminal: without a terminal a call that needs
// approval is refused without asking, and the model is told; a read-only
// built-in still runs.
func TestTerminalChatNoTerminal(t *testing.T) {
	c := newTerminalChat(t, 0, []string{"Fine."})
	c.script(t, "Remember that I own a boat.", calling("add_memory", "{\"text\": ", "\"I own a boat\"}"))
	c.script(t, "What time is it?", calling("current_time", "{}"))
	_, errOut := c.chat(t, "Remember that I own a boat.\nWhat time is it?\n", false)

	if strings.Contains(errOut, "Allow ") {
		t.Fatalf("asked without a terminal:\n%s", errOut)
	}
	if !strings.Contains(errOut, "[tool hearth add_memory: failed: you did not allow this call]") {
		t.Fatalf("the refusal was not shown:\n%s", errOut)
	}
	if mems, err := c.st.Memories(t.Context()); err != nil || len(mems) != 0 {
		t.Fatalf("memories %+v %v", mems, err)
	}
	reqs := c.b.requests()
	if len(reqs) != 4 {
		t.Fatalf("%d rounds, want 4", len(reqs))
	}
	if tm := toolMessages(reqs[1]); len(tm) != 1 || tm[0].Content != "error: you did not allow this call" {
		t.Fatalf("tool messages of the refusal: %+v", tm)
	}
	if tm := toolMessages(reqs[3]); len(tm) != 1 || !strings.Contains(tm[0].Content, "weekday") {
		t.Fatalf("tool messages of current_time: %+v", tm)
	}
	log := c.audit(t)
	if len(log) != 2 || !log[0].Refused || log[1].Refused || log[1].ApprovedBy != "policy: read-only built-in" {
		t.Fatalf("audit %+v", log)
	}
}

// TestTerminalChatPluginArgsChecked: a call of the units plugin whose
// arguments do not fit its schema is refused before the person is asked,
// with one sentence for the model, and audited as refused; a right call
// is asked about (sandboxed) and runs.
func TestTerminalChatPluginArgsChecked(t *testing.T) {
	c := newTerminalChat(t, 32768, []string{"About 1.6 km."})
	installUnits(t, c.st)
	c.script(t, "A mile, wrongly.", calling("dev_hearth_units__convert", "{\"from\": ", "\"mi\"", ", \"to\": ", "\"km\"", ", \"value\": ", "1}"))
	c.b.wrongArgs["A mile, wrongly."] = `{"from":"mi","to":"km","value":"one"}`
	c.script(t, "A mile.", calling("dev_hearth_units__convert", "{\"from\": ", "\"mi\"", ", \"to\": ", "\"km\"", ", \"value\": ", "1}"))
	_, errOut := c.chat(t, "A mile, wrongly.\nA mile.\no\n/exit\n", true)

	if n := strings.Count(errOut, "Allow convert from plugin:dev.hearth.units (sandboxed plugin)?"); n != 1 {
		t.Fatalf("asked %d times, want once (for the right call):\n%s", n, errOut)
	}
	reqs := c.b.requests()
	if len(reqs) != 4 {
		t.Fatalf("%d rounds, want 4", len(reqs))
	}
	if tm := toolMessages(reqs[1]); len(tm) != 1 || tm[0].Content != `error: the argument "value" must be a number` {
		t.Fatalf("tool message of the wrong call: %+v", tm)
	}
	if tm := toolMessages(reqs[3]); len(tm) != 1 || !strings.Contains(tm[0].Content, "1.609344") {
		t.Fatalf("tool message of the right call: %+v", tm)
	}
	log := c.audit(t)
	if len(log) != 2 || !log[0].Refused || log[0].Error != `the argument "value" must be a number` || log[1].Refused || log[1].ApprovedBy != "user (once)" {
		t.Fatalf("audit %+v", log)
	}
}

// installUnits installs the units example plugin into st.
func installUnits(t *testing.T, st *memory.Store) {
	t.Helper()
	pm := newPluginManager(toolStore{st}, cliServices(st, os.Stderr))
	defer pm.Close(context.Background())
	installUnitsWith(t, pm)
}

// installUnitsWith installs the units example plugin, signed with a fresh
// key, through pm.
func installUnitsWith(t *testing.T, pm *manager.Manager) {
	t.Helper()
	keyFile, _ := signingKey(t)
	key, err := bundle.LoadPrivateKey(keyFile, nil)
	if err != nil {
		t.Fatal(err)
	}
	zip, err := bundle.Pack(pluginStage(t, "../plugins/examples/units", nil), key)
	if err != nil {
		t.Fatal(err)
	}
	yes := manager.ApproverFunc(func(context.Context, manager.Prompt) (bool, error) { return true, nil })
	if _, err := pm.Install(t.Context(), zip, yes); err != nil {
		t.Fatal(err)
	}
}

// TestTerminalChatEverything: an MCP server's tool is asked about as not
// sandboxed, with no "for this conversation" (it asks every time unless
// allowed always), and runs once allowed.
func TestTerminalChatEverything(t *testing.T) {
	entry, err := filepath.Abs(filepath.Join("..", "plugins", "mcp", "testdata", "servers", "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(entry); err != nil {
		if os.Getenv("HEARTH_REQUIRE_REFERENCE") != "" {
			t.Fatal("server-everything is not installed: run `make reference`")
		}
		t.Skip("server-everything is not installed: run `make reference`")
	}
	c := newTerminalChat(t, 32768, []string{"It said hello."})
	m := mcp.NewManager(toolStore{c.st}, mcp.Options{})
	if _, err := m.Add(t.Context(), mcp.Config{Name: "everything", Command: []string{"node", entry}}); err != nil {
		t.Fatal(err)
	}
	m.Close(context.Background())
	c.script(t, "Echo hello.", calling("everything__echo", "{\"message\": ", "\"hello from Hearth\"}"))
	c.script(t, "Sum wrongly.", calling("everything__get-sum", "{\"a\": ", "2, \"b\": 40}"))
	c.b.wrongArgs["Sum wrongly."] = `{"a":"2","b":40}`
	out, errOut := c.chat(t, "Echo hello.\no\nSum wrongly.\n/exit\n", true)

	for _, want := range []string{"Allow echo from mcp:everything (not sandboxed: runs with your rights)?", `arguments: {"message":"hello from Hearth"}`, "[o]nce, [a]lways, [N]o: "} {
		if !strings.Contains(errOut, want) {
			t.Fatalf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if strings.Contains(errOut, "[c]onversation") || strings.Contains(errOut, "Allow get-sum") {
		t.Fatalf("offered a conversation grant, or asked about a wrong call:\n%s", errOut)
	}
	if !strings.Contains(errOut, `[tool mcp:everything get-sum: failed: the argument "a" must be a number]`) {
		t.Fatalf("the wrong call was not refused as expected:\n%s", errOut)
	}
	if strings.Count(out, "It said hello.") != 2 {
		t.Fatalf("stdout %q", out)
	}
	if tm := toolMessages(c.b.requests()[1]); len(tm) != 1 || !strings.Contains(tm[0].Content, "hello from Hearth") {
		t.Fatalf("tool message of echo: %+v", tm)
	}
}

// TestChatCommandTools: `hearth chat` offers the tools (a read-only
// built-in runs without a terminal), and --no-tools offers none.
func TestChatCommandTools(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HEARTH_HOME", home)
	model := scriptedModel(t, "clock", 0, calling("current_time", "{}"))
	chat := func(extra ...string) string {
		t.Setenv("HEARTH_PASSPHRASE", "pass")
		var out, errOut strings.Builder
		args := append([]string{"chat", "--model", model, "--temperature", "0", "--max-tokens", "100"}, extra...)
		if code := Run(context.Background(), args, IO{In: strings.NewReader("What time is it?\n/exit\n"), Out: &out, Err: &errOut}); code != 0 {
			t.Fatalf("chat %v: exit %d\n%s", extra, code, errOut.String())
		}
		return errOut.String()
	}
	if errOut := chat(); !strings.Contains(errOut, "[tool hearth current_time: ") {
		t.Fatalf("no tool call with tools:\n%s", errOut)
	}
	if errOut := chat("--no-tools"); strings.Contains(errOut, "[tool ") {
		t.Fatalf("a tool call with --no-tools:\n%s", errOut)
	}
	st, err := memory.Open(context.Background(), filepath.Join(home, "store"), memory.Passphrase("pass"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	log, err := tool.New(toolStore{st}).Audit(context.Background())
	if err != nil || len(log) != maxToolRounds {
		t.Fatalf("audit: %d entries (%v), want the %d calls of the first chat only", len(log), err, maxToolRounds)
	}
}
