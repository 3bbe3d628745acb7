package app

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/ollama"
	"github.com/hearth-app/hearth/memory"
)

// chatEvents records the chat events and lets a test act on the first
// delta of a request (from the generating goroutine, so before the next
// token).
type chatEvents struct {
	mu      sync.Mutex
	deltas  map[string][]string
	done    map[string]chatDone
	failed  map[string]chatFailure
	onDelta func(chatDelta)
	ended   chan string
}

func newChatEvents() *chatEvents {
	return &chatEvents{deltas: map[string][]string{}, done: map[string]chatDone{}, failed: map[string]chatFailure{}, ended: make(chan string, 16)}
}

func (e *chatEvents) Emit(name string, data any) {
	e.mu.Lock()
	switch d := data.(type) {
	case chatDelta:
		e.deltas[d.RequestID] = append(e.deltas[d.RequestID], d.Text)
		hook := e.onDelta
		e.mu.Unlock()
		if hook != nil {
			hook(d)
		}
		return
	case chatDone:
		e.done[d.RequestID] = d
		e.ended <- d.RequestID
	case chatFailure:
		e.failed[d.RequestID] = d
		e.ended <- d.RequestID
	}
	e.mu.Unlock()
}

// wait returns once request id has ended (done or failed).
func (e *chatEvents) wait(t *testing.T, id string) {
	t.Helper()
	deadline := time.After(2 * time.Minute)
	for {
		select {
		case got := <-e.ended:
			if got == id {
				return
			}
		case <-deadline:
			t.Fatalf("request %s did not end", id)
		}
	}
}

func (e *chatEvents) result(id string) (chatDone, chatFailure, []string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.done[id], e.failed[id], e.deltas[id]
}

// newTestChat returns a chat service over a new, unlocked store whose model
// library holds stories260K (the default model).
func newTestChat(t *testing.T) (*ChatService, *chatEvents) {
	t.Helper()
	t.Setenv("HEARTH_HOME", t.TempDir())
	ev := newChatEvents()
	v := NewVault(filepath.Join(os.Getenv("HEARTH_HOME"), "store"), ev)
	t.Cleanup(func() { _ = v.Close() })
	if _, err := NewVaultService(v).Create("correct horse battery staple"); err != nil {
		t.Fatal(err)
	}
	s := NewChatService(v, ev, noDialogs{})
	s.ollama = func() (engine.Backend, error) { return ollama.New("127.0.0.1:" + closedPort(t)) }
	m, err := NewModelsService(v, ev, noDialogs{}).Import(storiesModel(t))
	if err != nil || m.Name != "stories260k" {
		t.Fatalf("import: %+v %v", m, err)
	}
	return s, ev
}

// answered waits for the answer a Send, Edit or Regenerate started.
func (e *chatEvents) answered(t *testing.T) func(SendResult, error) chatDone {
	return func(res SendResult, err error) chatDone {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		e.wait(t, res.RequestID)
		return e.mustBeDone(t, res.RequestID)
	}
}

func (e *chatEvents) mustBeDone(t *testing.T, id string) chatDone {
	t.Helper()
	done, failed, _ := e.result(id)
	if failed.Message != "" {
		t.Fatalf("answer failed: %+v", failed)
	}
	return done
}

func TestChatSendStreamsAndSaves(t *testing.T) {
	s, ev := newTestChat(t)
	res, err := s.Send(0, 0, "Once upon a time")
	done := ev.answered(t)(res, err)
	_, _, deltas := ev.result(res.RequestID)
	if len(deltas) == 0 || strings.Join(deltas, "") != done.Message.Text || done.Message.Text == "" {
		t.Fatalf("deltas %q do not make the answer %q", deltas, done.Message.Text)
	}
	if done.Message.Role != "assistant" || done.Message.ParentID != res.UserMessage.ID || done.Message.Stopped {
		t.Fatalf("answer: %+v", done.Message)
	}
	th, err := s.Thread(res.ConversationID, 0)
	if err != nil || len(th.Messages) != 2 || th.Messages[1].Text != done.Message.Text || th.Messages[0].Text != "Once upon a time" {
		t.Fatalf("thread: %+v %v", th, err)
	}
	convs, err := s.Conversations()
	if err != nil || len(convs) != 1 || convs[0].Title != "Once upon a time" || convs[0].Model != "stories260k" {
		t.Fatalf("conversations: %+v %v", convs, err)
	}
}

func TestChatStopKeepsPartialAnswer(t *testing.T) {
	s, ev := newTestChat(t)
	c, err := s.Create("")
	must(t, err)
	must(t, s.SetOptions(c.ID, ChatOptions{Model: "stories260k", Temperature: 0.8, TopP: 0.95, MaxTokens: 4000}))
	var once sync.Once
	ev.onDelta = func(d chatDelta) { once.Do(func() { s.Stop(d.RequestID) }) }
	res, err := s.Send(c.ID, 0, "The little dog")
	done := ev.answered(t)(res, err)
	if !done.Message.Stopped || done.Stats.StopReason != "cancelled" || done.Message.Text == "" {
		t.Fatalf("stopped answer: %+v %+v", done.Message, done.Stats)
	}
	th, err := s.Thread(c.ID, 0)
	if err != nil || len(th.Messages) != 2 || !th.Messages[1].Stopped || th.Messages[1].Text != done.Message.Text {
		t.Fatalf("thread after stop: %+v %v", th, err)
	}
}

func TestChatEditAndRegenerateMakeBranches(t *testing.T) {
	s, ev := newTestChat(t)
	first := ev.answered(t)(s.Send(0, 0, "Tom and Sue went"))
	conv := first.ConversationID
	userID := first.Message.ParentID
	edited := ev.answered(t)(s.Edit(userID, "Lily went to the park"))
	regen := ev.answered(t)(s.Regenerate(edited.Message.ID))

	th, err := s.Thread(conv, 0) // the newest branch: the edit, regenerated
	must(t, err)
	if len(th.Messages) != 2 || th.Messages[0].Text != "Lily went to the park" || th.Messages[1].ID != regen.Message.ID {
		t.Fatalf("newest branch: %+v", th.Messages)
	}
	if u := th.Messages[0]; len(u.Siblings) != 2 || u.SiblingIndex != 1 || u.Siblings[0] != userID {
		t.Fatalf("edited message's siblings: %+v", u)
	}
	if a := th.Messages[1]; len(a.Siblings) != 2 || a.SiblingIndex != 1 || a.Siblings[0] != edited.Message.ID {
		t.Fatalf("regenerated answer's siblings: %+v", a)
	}
	old, err := s.Thread(conv, userID) // the old branch stays reachable
	must(t, err)
	if len(old.Messages) != 2 || old.Messages[0].Text != "Tom and Sue went" || old.Messages[1].ID != first.Message.ID || old.Messages[0].SiblingIndex != 0 {
		t.Fatalf("old branch: %+v", old.Messages)
	}
	leaves, err := s.Leaves(conv)
	if err != nil || len(leaves) != 3 {
		t.Fatalf("leaves: %v %v", leaves, err)
	}
}

func TestChatSearchFindsOldChat(t *testing.T) {
	s, ev := newTestChat(t)
	ev.answered(t)(s.Send(0, 0, "The dragon ate pancakes"))
	second := ev.answered(t)(s.Send(0, 0, "Once upon a time"))
	hits, err := s.Search("pancakes")
	must(t, err)
	if len(hits) == 0 || hits[0].Title != "The dragon ate pancakes" || hits[0].ConversationID == second.ConversationID || !strings.Contains(hits[0].Snippet, "pancakes") {
		t.Fatalf("search: %+v", hits)
	}
	md, _, err := s.exportText(hits[0].ConversationID, 0, "markdown")
	if err != nil || !strings.HasPrefix(md, "# The dragon ate pancakes") {
		t.Fatalf("export: %q %v", md, err)
	}
	must(t, s.Delete(hits[0].ConversationID))
	if hits, _ := s.Search("pancakes"); len(hits) != 0 {
		t.Fatalf("search after delete: %+v", hits)
	}
}

func TestChatMissingModelSaysSo(t *testing.T) {
	s, ev := newTestChat(t)
	c, err := s.Create("")
	must(t, err)
	must(t, s.SetOptions(c.ID, ChatOptions{Model: "no-such-model", Temperature: 0.8, TopP: 0.9, MaxTokens: 10}))
	res, err := s.Send(c.ID, 0, "hello")
	must(t, err)
	ev.wait(t, res.RequestID)
	_, failed, _ := ev.result(res.RequestID)
	if failed.Kind != failModelMissing || failed.Message != `The model "no-such-model" is not installed: pick another model or add it in Models.` {
		t.Fatalf("failure: %+v", failed)
	}
}

func TestChatOllamaDownSaysSo(t *testing.T) {
	s, ev := newTestChat(t)
	c, err := s.Create("")
	must(t, err)
	must(t, s.SetOptions(c.ID, ChatOptions{Model: "ollama:llama3", Temperature: 0.8, TopP: 0.9, MaxTokens: 10}))
	res, err := s.Send(c.ID, 0, "hello")
	must(t, err)
	ev.wait(t, res.RequestID)
	if _, failed, _ := ev.result(res.RequestID); failed.Kind != failBackendDown {
		t.Fatalf("failure: %+v", failed)
	}
}

func TestChatLockedRefuses(t *testing.T) {
	s, _ := newTestChat(t)
	must(t, s.vault.Lock(t.Context()))
	if _, err := s.Send(0, 0, "hello"); !errors.Is(err, ErrLocked) {
		t.Fatalf("send while locked: %v", err)
	}
	if _, err := s.Conversations(); !errors.Is(err, ErrLocked) {
		t.Fatalf("list while locked: %v", err)
	}
}

// closedPort returns a local port nothing listens on (an Ollama that is down).
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return strconv.Itoa(port)
}

func TestChatModelsListsLibrary(t *testing.T) {
	s, _ := newTestChat(t)
	ms, err := s.Models()
	if err != nil || len(ms) != 1 || ms[0].ID != "stories260k" || ms[0].Backend != "embedded" {
		t.Fatalf("models: %+v %v", ms, err)
	}
	must(t, s.vault.Use(func(st *memory.Store) error { return st.DeleteSetting(t.Context(), defaultModelSetting) }))
	o, err := s.Options(0) // no default chosen: the library's first model
	if err != nil || o.Model != "stories260k" || o.MaxTokens != 512 {
		t.Fatalf("default options: %+v %v", o, err)
	}
}
