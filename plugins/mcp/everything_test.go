package mcp_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hearth-app/hearth/plugins/mcp"
	"github.com/hearth-app/hearth/plugins/tool"
)

func TestEverythingListAndCall(t *testing.T) {
	m, st := newManager(t, mcp.Options{})
	r := addServer(t, m, st, mcp.Config{Name: "everything", Command: everything(t)})
	tools, err := r.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]tool.Tool{}
	for _, tl := range tools {
		byName[tl.Name] = tl
	}
	for _, want := range []string{"echo", "get-sum", "trigger-long-running-operation", "get-structured-content"} {
		tl, ok := byName[want]
		if !ok {
			t.Fatalf("server-everything has no %q; tools: %v", want, tools)
		}
		if tl.Source != "mcp:everything" || tl.Trust != tool.TrustUnsandboxed || tl.Risk != tool.RiskOpen || tl.Blocked {
			t.Errorf("%s labelled %+v", want, tl)
		}
		if tl.ModelName != "everything__"+strings.ReplaceAll(want, "-", "-") || len(tl.InputSchema) == 0 {
			t.Errorf("%s: model name %q, schema %s", want, tl.ModelName, tl.InputSchema)
		}
	}
	res, err := call(t, r, "mcp:everything", "get-sum", `{"a":2,"b":40}`, 30*time.Second)
	if err != nil || !strings.Contains(res.Text, "42") {
		t.Fatalf("get-sum = %+v, %v", res, err)
	}
	res, err = call(t, r, "mcp:everything", "echo", `{"message":"hello hearth"}`, 30*time.Second)
	if err != nil || !strings.Contains(res.Text, "hello hearth") || res.Size == 0 {
		t.Fatalf("echo = %+v, %v", res, err)
	}
	res, err = call(t, r, "mcp:everything", "get-structured-content", `{"location":"New York"}`, 30*time.Second)
	if err != nil || len(res.Structured) == 0 || res.Structured[0] != '{' {
		t.Fatalf("get-structured-content = %+v, %v", res, err)
	}
	log, err := r.Audit(context.Background())
	if err != nil || len(log) != 3 || log[0].Tool != "get-sum" || log[0].ApprovedBy != "test (once)" || log[0].ResultSize == 0 {
		t.Fatalf("audit = %+v, %v", log, err)
	}
}

func TestEverythingCancel(t *testing.T) {
	m, st := newManager(t, mcp.Options{})
	r := addServer(t, m, st, mcp.Config{Name: "everything", Command: everything(t)})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(500*time.Millisecond, cancel)
	start := time.Now()
	_, err := r.Call(ctx, tool.Call{Source: "mcp:everything", Name: "trigger-long-running-operation",
		Args: []byte(`{"duration":60,"steps":60}`)}, allowOnce)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled call: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("cancel took %s", d)
	}
	oneSentence(t, err)
	if res, err := call(t, r, "mcp:everything", "echo", `{"message":"after"}`, 30*time.Second); err != nil || !strings.Contains(res.Text, "after") {
		t.Fatalf("call after a cancel: %+v, %v", res, err)
	}
}

func TestEverythingTimeout(t *testing.T) {
	m, st := newManager(t, mcp.Options{})
	r := addServer(t, m, st, mcp.Config{Name: "everything", Command: everything(t)})
	r.SetTimeout(time.Second)
	start := time.Now()
	_, err := call(t, r, "mcp:everything", "trigger-long-running-operation", `{"duration":60,"steps":60}`, time.Minute)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 10*time.Second {
		t.Fatalf("slow call after %s: %v", time.Since(start), err)
	}
	oneSentence(t, err)
}

func TestMemoryServer(t *testing.T) {
	memFile := filepath.Join(t.TempDir(), "memory.jsonl")
	cmd := append([]string{"env", "MEMORY_FILE_PATH=" + memFile}, nodeServer(t, "server-memory", "dist/index.js")...)
	m, st := newManager(t, mcp.Options{})
	r := addServer(t, m, st, mcp.Config{Name: "memory", Command: cmd})
	_, err := call(t, r, "mcp:memory", "create_entities",
		`{"entities":[{"name":"Hearth","entityType":"app","observations":["keeps everything encrypted"]}]}`, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	res, err := call(t, r, "mcp:memory", "search_nodes", `{"query":"Hearth"}`, 30*time.Second)
	if err != nil || !strings.Contains(res.Text, "keeps everything encrypted") {
		t.Fatalf("search_nodes = %+v, %v", res, err)
	}
	if _, err := os.Stat(memFile); err != nil {
		t.Errorf("server-memory did not write its file: %v", err)
	}
}
