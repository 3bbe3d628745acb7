package app

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// apiCall sends an authorised request to the window's API server.
func apiCall(t *testing.T, st APIServerStatus, token, method, path, body string) (int, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, st.URL+path, rd)
	must(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	must(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func chatBody(model string) string {
	return fmt.Sprintf(`{"model":%q,"max_tokens":8,"temperature":0,"messages":[{"role":"user","content":"Once upon a time"}]}`, model)
}

// The window's API serves the library's names, with the embedded engine,
// and refuses a path even to a model that is installed.
func TestAPIServerServesLibraryNames(t *testing.T) {
	s, v, _ := newSettingsTest(t)
	s.dialogs = &answeringDialogs{yes: true} // the person says yes to starting the server
	path := storiesModel(t)
	m, err := NewModelsService(v, newEventLog(), noDialogs{}).Import(path)
	must(t, err)
	st, err := s.StartAPIServer()
	must(t, err)
	status, body := apiCall(t, st, st.Token, "GET", "/models", "")
	if status != 200 || !strings.Contains(body, `"id":"`+m.Name+`"`) || strings.Count(body, `"id"`) != 1 {
		t.Fatalf("GET /v1/models: %d %s, want the one name %q", status, body, m.Name)
	}
	if status, body := apiCall(t, st, st.Token, "POST", "/chat/completions", chatBody(m.Name)); status != 200 || !strings.Contains(body, `"model":"`+m.Name+`"`) {
		t.Fatalf("chat with the library name: %d %s", status, body)
	}
	_, missing := apiCall(t, st, st.Token, "POST", "/chat/completions", chatBody("/nonexistent/dir/model.gguf"))
	for _, p := range []string{path, "../" + path, strings.TrimSuffix(path, ".gguf")} {
		status, body := apiCall(t, st, st.Token, "POST", "/chat/completions", chatBody(p))
		if status != 404 || body != missing {
			t.Errorf("model %q: %d %s, want the same 404 as a missing file: %s", p, status, body, missing)
		}
	}
}

// While Hearth is locked the API answers 423 and the window is not handed
// the token; both come back with the unlock.
func TestAPIServerWhileLocked(t *testing.T) {
	s, v, svc := newSettingsTest(t)
	s.dialogs = &answeringDialogs{yes: true} // the person says yes to starting the server
	m, err := NewModelsService(v, newEventLog(), noDialogs{}).Import(storiesModel(t))
	must(t, err)
	st, err := s.StartAPIServer()
	must(t, err)
	must(t, svc.Lock())
	if got := s.APIServer(); got.Token != "" || !got.Running {
		t.Errorf("status while locked: %+v", got)
	}
	for _, call := range [][3]string{{"GET", "/models", ""}, {"POST", "/chat/completions", chatBody(m.Name)}} {
		if status, body := apiCall(t, st, st.Token, call[0], call[1], call[2]); status != http.StatusLocked {
			t.Errorf("%s %s while locked: %d %s, want 423", call[0], call[1], status, body)
		}
	}
	must(t, svc.Unlock(settingsPass))
	if got := s.APIServer(); got.Token != st.Token {
		t.Errorf("status after unlock: %+v", got)
	}
	if status, body := apiCall(t, st, st.Token, "GET", "/models", ""); status != 200 {
		t.Errorf("after unlock: %d %s", status, body)
	}
}

// Requests from other programs do not push the auto-lock back.
func TestAPITrafficIsNotActivity(t *testing.T) {
	s, v, _ := newSettingsTest(t)
	s.dialogs = &answeringDialogs{yes: true} // the person says yes to starting the server
	m, err := NewModelsService(v, newEventLog(), noDialogs{}).Import(storiesModel(t))
	must(t, err)
	var mu sync.Mutex
	clock := time.Unix(2_000_000, 0)
	v.now = func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	v.Touch()
	before := v.lastUse.Load()
	mu.Lock()
	clock = clock.Add(time.Minute)
	mu.Unlock()
	st, err := s.StartAPIServer()
	must(t, err)
	apiCall(t, st, st.Token, "GET", "/models", "")
	if status, body := apiCall(t, st, st.Token, "POST", "/chat/completions", chatBody(m.Name)); status != 200 {
		t.Fatalf("chat: %d %s", status, body)
	}
	if after := v.lastUse.Load(); after != before {
		t.Errorf("API requests moved the last activity by %v", time.Duration(after-before))
	}
}

// A taken port is an error that says so, not a server on another port.
func TestAPIServerPortTaken(t *testing.T) {
	s, _, _ := newSettingsTest(t)
	s.dialogs = &answeringDialogs{yes: true} // the person says yes to starting the server
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	defer busy.Close()
	s.apiAddr = busy.Addr().String()
	st, err := s.StartAPIServer()
	if err == nil || !strings.Contains(err.Error(), "in use") || !strings.Contains(err.Error(), s.apiAddr) {
		t.Fatalf("start on a taken port: %+v, %v", st, err)
	}
	if s.APIServer().Running {
		t.Error("a server runs although its port was taken")
	}
}
