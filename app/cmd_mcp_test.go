package app_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

type greetIn struct {
	Name string `json:"name"`
}

// TestMCPAddURL adds a streamable HTTP server on 127.0.0.1 by URL, calls
// its tool, and checks the usage errors of mcp add.
func TestMCPAddURL(t *testing.T) {
	t.Setenv("HEARTH_HOME", t.TempDir())
	t.Setenv("HEARTH_PASSPHRASE", "url passphrase")
	s := sdk.NewServer(&sdk.Implementation{Name: "greeter", Version: "1"}, nil)
	sdk.AddTool(s, &sdk.Tool{Name: "greet", Description: "Greets someone."},
		func(_ context.Context, _ *sdk.CallToolRequest, in greetIn) (*sdk.CallToolResult, any, error) {
			return &sdk.CallToolResult{Content: []sdk.Content{&sdk.TextContent{Text: "hello " + in.Name}}}, nil, nil
		})
	srv := httptest.NewServer(sdk.NewStreamableHTTPHandler(func(*http.Request) *sdk.Server { return s }, nil))
	defer srv.Close()
	url := srv.URL + "/mcp?a=very-long-query-string-that-must-not-be-truncated-" + strings.Repeat("z", 200)

	code, out, errOut := run(t, "mcp", "add", "web", "--url", url)
	if code != 0 || !strings.Contains(out, "url: "+url+"\n") || !strings.Contains(out, "not sandboxed: runs with your rights") {
		t.Fatalf("mcp add --url: exit %d, out %q, err %q", code, out, errOut)
	}
	code, out, errOut = run(t, "tools", "call", "web", "greet", `{"name":"Ada"}`, "--yes")
	if code != 0 || strings.TrimSpace(out) != "hello Ada" {
		t.Fatalf("tools call web greet: exit %d, out %q, err %q", code, out, errOut)
	}
	var listed []struct{ Name, URL string }
	code, out, _ = run(t, "mcp", "list", "--json")
	if err := json.Unmarshal([]byte(out), &listed); code != 0 || err != nil || len(listed) != 1 || listed[0].Name != "web" || listed[0].URL != url {
		t.Fatalf("mcp list --json = %q (%v)", out, err)
	}

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"mcp", "add", "web", "--url", url}, "exists"},
		{[]string{"mcp", "add", "x", "--url", "file:///etc/passwd"}, "must start with http"},
		{[]string{"mcp", "add", "x"}, "give a command"},
		{[]string{"mcp", "add", "x", "--url", url, "--", "sh"}, "not both"},
		{[]string{"mcp", "add", "bad name", "--", "sh"}, "server name"},
		{[]string{"mcp", "add", "x", "sh"}, "put the command after --"},
		{[]string{"mcp", "trust", "nope"}, "no such MCP server"},
	} {
		code, _, errOut := run(t, tc.args...)
		if code == 0 || !strings.Contains(errOut, tc.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("hearth %v: exit %d, err %q; want one line with %q", tc.args, code, errOut, tc.want)
		}
	}
}
