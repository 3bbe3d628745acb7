package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	apiserver "github.com/hearth-app/hearth/app/openai"
	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/hearth-app/hearth/engine/modelgen"
	oaiclient "github.com/hearth-app/hearth/engine/openai"
)

// TestConnectServerAsksFirst: a server on another machine is confirmed
// before anything is sent there; a no sends nothing and keeps nothing, and
// plain http to a public address is refused without asking.
func TestConnectServerAsksFirst(t *testing.T) {
	_, v, _ := newSettingsTest(t)
	tests := []struct {
		name, url    string
		want         error  // nil: any error
		asked, plain string // what the question says; "" when none is asked
	}{
		{"private address over http", "http://192.168.1.20:8080", errNotConfirmed, "will go to 192.168.1.20:8080", "http, not https"},
		{"a name over https", "https://gpu.example.org", errNotConfirmed, "will go to gpu.example.org", ""},
		{"public address over http", "http://203.0.113.9:8080", nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dlg := &answeringDialogs{yes: false}
			m := NewModelsService(v, newEventLog(), dlg)
			_, err := m.ConnectServer(tt.url, "sk-secret")
			if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
				t.Fatalf("connect: %v, want %v", err, tt.want)
			}
			switch {
			case tt.asked == "" && len(dlg.questions) != 0:
				t.Errorf("asked %q", dlg.questions)
			case tt.asked != "" && (len(dlg.questions) != 1 || !strings.Contains(dlg.questions[0], tt.asked)):
				t.Errorf("asked %q, want one question that says %q", dlg.questions, tt.asked)
			case tt.asked != "" && strings.Contains(dlg.questions[0], "http, not https") != (tt.plain != ""):
				t.Errorf("the question %q and plain http", dlg.questions[0])
			}
			if st, err := m.OpenAIStatus(); err != nil || st.Connected {
				t.Errorf("a server was kept without a yes: %+v %v", st, err)
			}
		})
	}
	if _, err := NewModelsService(v, newEventLog(), noDialogs{}).ConnectServer("http://10.1.2.3:1234", ""); !errors.Is(err, errNoWindow) {
		t.Errorf("without a window: %v", err)
	}
}

// TestServerChatError: a failed answer from a server's model is the
// backend's own sentence, which names the server, with the kind the window
// tells apart.
func TestServerChatError(t *testing.T) {
	tests := []struct {
		err       error
		msg, kind string
	}{
		{fmt.Errorf("openai generate: %w", &oaiclient.Error{Msg: "the server at 10.0.0.2:8080 refused the API key", Kind: oaiclient.ErrKeyRefused}),
			"The server at 10.0.0.2:8080 refused the API key.", failOther},
		{fmt.Errorf("openai generate: %w", &oaiclient.Error{Msg: "the server at 10.0.0.2:8080 stopped before the answer was complete", Kind: engine.ErrBackendDown}),
			"The server at 10.0.0.2:8080 stopped before the answer was complete.", failBackendDown},
		{errNoOpenAIServer, "No OpenAI-compatible server is connected: connect one in Models.", failBackendDown},
	}
	for _, tt := range tests {
		msg, kind := chatError(tt.err, openaiPrefix+"qwen")
		if msg != tt.msg || kind != tt.kind {
			t.Errorf("chatError(%q) = %q, %q; want %q, %q", tt.err, msg, kind, tt.msg, tt.kind)
		}
	}
}

// TestChatOnOpenAIServer chats in the window with a model of a connected
// server: Hearth's own API server, on loopback, over a scripted model. Once
// the server is gone, the answer fails with the backend's sentence.
func TestChatOnOpenAIServer(t *testing.T) {
	s, ev := newTestChat(t)
	dir := t.TempDir()
	must(t, modelgen.WriteScripted(filepath.Join(dir, "story.gguf"), modelgen.Scripted{Name: "story", Pieces: []string{"Once ", "upon ", "a ", "time."}}))
	backend := embedded.NewBackend(embedded.Dir(dir), embedded.Options{Threads: 1})
	t.Cleanup(func() { backend.Close() })
	const token = "hearth-chat-on-server-test-token-0123456789abcdef"
	srv, err := apiserver.New(backend, token, apiserver.Options{})
	must(t, err)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, l) }()
	var once sync.Once
	shutdown := func() { once.Do(func() { stop(); <-served }) }
	t.Cleanup(shutdown)

	if _, err := NewModelsService(s.vault, ev, noDialogs{}).ConnectServer(l.Addr().String(), token); err != nil {
		t.Fatal(err)
	}
	models, err := s.Models()
	must(t, err)
	if !slices.ContainsFunc(models, func(m ChatModel) bool { return m.ID == "openai:story" && m.Backend == "openai" }) {
		t.Fatalf("the picker lacks openai:story: %+v", models)
	}
	c, err := s.Create("")
	must(t, err)
	must(t, s.SetOptions(c.ID, ChatOptions{Model: "openai:story", TopP: 1, MaxTokens: 20}))
	done := ev.answered(t)(s.Send(c.ID, 0, "Tell me a story."))
	if done.Message.Text != "Once upon a time." {
		t.Fatalf("answer %q", done.Message.Text)
	}

	shutdown()
	res, err := s.Send(c.ID, 0, "Again?")
	must(t, err)
	ev.wait(t, res.RequestID)
	_, failed, _ := ev.result(res.RequestID)
	if want := "Nothing answers at " + l.Addr().String() + ": is the server running?"; failed.Message != want || failed.Kind != failBackendDown {
		t.Errorf("with the server gone: %+v, want %q", failed, want)
	}
}
