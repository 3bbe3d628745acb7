package mcp_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hearth-app/hearth/plugins/mcp"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

type sumIn struct {
	A int `json:"a"`
	B int `json:"b"`
}

type sumOut struct {
	Sum int `json:"sum"`
}

type sizeIn struct {
	Bytes int `json:"bytes"`
}

// httpServer serves an MCP server over streamable HTTP on 127.0.0.1, with
// a tool that adds (structured output) and one that answers with any size.
func httpServer(t *testing.T) string {
	t.Helper()
	s := sdk.NewServer(&sdk.Implementation{Name: "loopback", Version: "1"}, nil)
	sdk.AddTool(s, &sdk.Tool{Name: "add", Description: "Adds a and b."},
		func(_ context.Context, _ *sdk.CallToolRequest, in sumIn) (*sdk.CallToolResult, sumOut, error) {
			return nil, sumOut{Sum: in.A + in.B}, nil
		})
	sdk.AddTool(s, &sdk.Tool{Name: "blob", Description: "Answers with that many bytes."},
		func(_ context.Context, _ *sdk.CallToolRequest, in sizeIn) (*sdk.CallToolResult, any, error) {
			return &sdk.CallToolResult{Content: []sdk.Content{&sdk.TextContent{Text: strings.Repeat("y", in.Bytes)}}}, nil, nil
		})
	h := sdk.NewStreamableHTTPHandler(func(*http.Request) *sdk.Server { return s }, nil)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestStreamableHTTP(t *testing.T) {
	url := httpServer(t)
	m, st := newManager(t, mcp.Options{MaxMessage: 1 << 20, MaxResult: 1000})
	r := addServer(t, m, st, mcp.Config{Name: "loopback", URL: url})

	res, err := call(t, r, "mcp:loopback", "add", `{"a":20,"b":22}`, 10*time.Second)
	if err != nil || string(res.Structured) != `{"sum":42}` {
		t.Fatalf("add = %+v, %v", res, err)
	}
	res, err = call(t, r, "mcp:loopback", "blob", `{"bytes":5000}`, 10*time.Second)
	if err != nil || !res.Truncated || len(res.Text) > 1100 || res.Size < 5000 {
		t.Fatalf("a result over MaxResult: truncated %v, %d bytes of text, size %d, %v", res.Truncated, len(res.Text), res.Size, err)
	}
	_, err = call(t, r, "mcp:loopback", "blob", `{"bytes":5000000}`, 30*time.Second)
	if err == nil || !strings.Contains(err.Error(), "limit") {
		t.Fatalf("a message over MaxMessage: %v", err)
	}
	oneSentence(t, err)
	if res, err := call(t, r, "mcp:loopback", "add", `{"a":1,"b":1}`, 10*time.Second); err != nil || string(res.Structured) != `{"sum":2}` {
		t.Fatalf("add after a failure = %+v, %v", res, err)
	}
}
