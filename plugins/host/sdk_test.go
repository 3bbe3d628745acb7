package host_test

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/hearth-app/hearth/plugins/host"
)

const sdkGuestPkg = "./testdata/sdkguest"

// recordingServices is an in-test Services that keeps what it was asked,
// with a secret store in a map. The app's real one is tested in the app.
type recordingServices struct {
	mu      sync.Mutex
	calls   []string
	secrets map[string]string
}

func (s *recordingServices) note(call string) {
	s.mu.Lock()
	s.calls = append(s.calls, call)
	s.mu.Unlock()
}

func (s *recordingServices) SearchMemory(_ context.Context, q string, _ int) ([]host.Hit, error) {
	s.note("search " + q)
	return nil, nil
}

func (s *recordingServices) WriteMemory(_ context.Context, text string) (string, error) {
	s.note("write " + text)
	return "mem-7", nil
}

func (s *recordingServices) Generate(_ context.Context, prompt string, maxTokens int) (string, error) {
	s.note("generate " + prompt)
	return "hi there", nil
}

func (s *recordingServices) Notify(_ context.Context, title, body string) error {
	s.note("notify " + title + ": " + body)
	return nil
}

func (s *recordingServices) Secret(_ context.Context, key string) (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.secrets[key]
	return v, ok, nil
}

func (s *recordingServices) SetSecret(_ context.Context, key, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.secrets[key] = value
	return nil
}

func (s *recordingServices) DeleteSecret(_ context.Context, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.secrets, key)
	return nil
}

func (s *recordingServices) PickFile(_ context.Context, title string) (string, []byte, bool, error) {
	s.note("pick " + title)
	return "note.txt", []byte("\x00binary\xffcontent"), true, nil
}

func TestSDKReachesEveryHostFunction(t *testing.T) {
	audit := &auditLog{}
	h := newHost(t, host.Config{Audit: audit.record})
	svc := &recordingServices{secrets: map[string]string{}}
	grants := []host.Capability{{Name: host.CapMemoryWrite}, {Name: host.CapLLMGenerate}, {Name: host.CapNotify}, {Name: host.CapSecrets}, {Name: host.CapFilesPick}}
	p := load(t, h, host.Spec{ID: "dev.test.sdk", Wasm: guest(t, sdkGuestPkg), Services: svc, Capabilities: grants})

	if res := call(t, p, "write", nil); res.Text != "mem-7" || res.IsError {
		t.Errorf("write: %+v", res)
	}
	if res := call(t, p, "generate", nil); res.Text != "hi there" || res.IsError {
		t.Errorf("generate: %+v", res)
	}
	if res := call(t, p, "notify", nil); res.Text != "sent" || res.IsError {
		t.Errorf("notify: %+v", res)
	}
	if res := call(t, p, "secrets", nil); string(res.Structured) != `{"after_delete":false,"ok":true,"value":"s3cret"}` {
		t.Errorf("secrets: %s (%s)", res.Structured, res.Text)
	}
	var picked struct {
		Name string `json:"name"`
		Hex  string `json:"hex"`
		OK   bool   `json:"ok"`
	}
	if res := call(t, p, "pick", nil); json.Unmarshal(res.Structured, &picked) != nil || picked.Name != "note.txt" || !picked.OK || picked.Hex != hex.EncodeToString([]byte("\x00binary\xffcontent")) {
		t.Errorf("pick: %+v", picked)
	}
	want := []string{"write the user likes tea", "generate Say hi", "notify Done: The job finished.", "pick Choose a note"}
	if strings.Join(svc.calls, "|") != strings.Join(want, "|") {
		t.Errorf("services saw %q, want %q", svc.calls, want)
	}
	for _, fn := range []string{"memory_write", "llm_generate", "notify", "secret_set", "secret_get", "secret_delete", "files_pick"} {
		if _, ok := audit.find(fn, true); !ok {
			t.Errorf("no audit event for %s", fn)
		}
	}
	if res := call(t, p, "denied", nil); string(res.Structured) != `{"denied":true}` {
		t.Errorf("denied: %s, want errors.Is(err, sdk.ErrPermissionDenied)", res.Structured)
	}
}

func TestSDKTurnsFailuresIntoErrorAnswers(t *testing.T) {
	h := newHost(t, host.Config{})
	p := load(t, h, host.Spec{ID: "dev.test.sdk", Wasm: guest(t, sdkGuestPkg)})
	cases := map[string]string{
		"fails":   "the tool could not do it",
		"panics":  "assignment to entry in nil map",
		"missing": "this plugin has no tool missing",
	}
	for tool, says := range cases {
		res := call(t, p, tool, nil)
		if !res.IsError || !strings.Contains(res.Text, says) {
			t.Errorf("%s: %+v, want an error answer saying %q", tool, res, says)
		}
	}
}
