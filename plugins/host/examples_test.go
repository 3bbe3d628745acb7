package host_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/hearth-app/hearth/plugins/host"
)

func TestUnitsConvertsMilesToKilometres(t *testing.T) {
	h := newHost(t, host.Config{})
	p := load(t, h, host.Spec{ID: "dev.hearth.units", Wasm: guest(t, unitsPkg)})
	mustConvertMiles(t, p)
	res := call(t, p, "convert", map[string]any{"value": 1, "from": "mi", "to": "km"})
	if !strings.Contains(res.Text, "1.609344") || res.IsError {
		t.Errorf("text %q (error %v), want it to say 1.609344", res.Text, res.IsError)
	}
}

func TestUnitsRefusesMixedKinds(t *testing.T) {
	h := newHost(t, host.Config{})
	p := load(t, h, host.Spec{ID: "dev.hearth.units", Wasm: guest(t, unitsPkg)})
	res := call(t, p, "convert", map[string]any{"value": 1, "from": "kg", "to": "km"})
	if !res.IsError || !strings.Contains(res.Text, "mass") {
		t.Errorf("kg -> km answered %q (error %v), want an error about mass", res.Text, res.IsError)
	}
}

// memoryServices is a small in-test Services: a fixed list of hits for
// memory_search and a map of secrets. The app's real one, over the
// encrypted store, is tested in the app.
type memoryServices struct {
	mu      sync.Mutex
	hits    []host.Hit
	queries []string
	ks      []int
	secrets map[string]string
}

func (s *memoryServices) SearchMemory(_ context.Context, query string, k int) ([]host.Hit, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queries = append(s.queries, query)
	s.ks = append(s.ks, k)
	return s.hits, nil
}

func (s *memoryServices) WriteMemory(context.Context, string) (string, error) { return "m1", nil }

func (s *memoryServices) Generate(context.Context, string, int) (string, error) { return "", nil }

func (s *memoryServices) Notify(context.Context, string, string) error { return nil }

func (s *memoryServices) Secret(_ context.Context, key string) (string, bool, error) {
	v, ok := s.secrets[key]
	return v, ok, nil
}

func (s *memoryServices) SetSecret(context.Context, string, string) error { return nil }

func (s *memoryServices) DeleteSecret(context.Context, string) error { return nil }

func (s *memoryServices) PickFile(context.Context, string) (string, []byte, bool, error) {
	return "", nil, false, nil
}

func TestRecallReturnsHitsFromServices(t *testing.T) {
	audit := &auditLog{}
	h := newHost(t, host.Config{Audit: audit.record})
	svc := &memoryServices{hits: []host.Hit{
		{Text: "The boat is called Wanderer.", Source: "memory", Score: 0.9},
		{Text: "Wanderer was built in 1987.", Source: "document", Title: "boat.md", Score: 0.5},
	}}
	p := load(t, h, host.Spec{ID: "dev.hearth.recall", Wasm: guest(t, recallPkg), Services: svc,
		Capabilities: []host.Capability{{Name: host.CapMemoryRead}}})
	res := call(t, p, "recall", map[string]string{"query": "boat"})
	if res.IsError {
		t.Fatalf("recall failed: %s", res.Text)
	}
	for _, hit := range svc.hits {
		if !strings.Contains(res.Text, hit.Text) {
			t.Errorf("answer %q lacks %q", res.Text, hit.Text)
		}
	}
	if !strings.Contains(res.Text, "boat.md") {
		t.Errorf("answer %q lacks the document's title", res.Text)
	}
	var structured struct {
		Results []host.Hit `json:"results"`
	}
	if err := json.Unmarshal(res.Structured, &structured); err != nil || len(structured.Results) != 2 || structured.Results[1] != svc.hits[1] {
		t.Errorf("structured %s, want the two hits", res.Structured)
	}
	if len(svc.queries) != 1 || svc.queries[0] != "boat" || svc.ks[0] != 5 {
		t.Errorf("services saw queries %q with k %v, want [boat] with 5", svc.queries, svc.ks)
	}
	if e, ok := audit.find("memory_search", true); !ok || e.Plugin != "dev.hearth.recall" || e.Capability != host.CapMemoryRead {
		t.Errorf("no allowed audit event for memory_search: %+v", audit.events)
	}
}

func TestRecallWithoutGrantIsDenied(t *testing.T) {
	audit := &auditLog{}
	h := newHost(t, host.Config{Audit: audit.record})
	svc := &memoryServices{hits: []host.Hit{{Text: "secret plans", Source: "memory"}}}
	p := load(t, h, host.Spec{ID: "dev.hearth.recall", Wasm: guest(t, recallPkg), Services: svc})
	res := call(t, p, "recall", map[string]string{"query": "plans"})
	if !res.IsError || strings.Contains(res.Text, "secret plans") || !strings.Contains(res.Text, "not granted") {
		t.Errorf("answer %q (error %v), want a refusal", res.Text, res.IsError)
	}
	if len(svc.queries) != 0 {
		t.Errorf("services were asked %q without the grant", svc.queries)
	}
	if _, ok := audit.find("memory_search", false); !ok {
		t.Errorf("no denied audit event: %+v", audit.events)
	}

	p.SetCapabilities([]host.Capability{{Name: host.CapMemoryRead}})
	if res := call(t, p, "recall", map[string]string{"query": "plans"}); res.IsError || !strings.Contains(res.Text, "secret plans") {
		t.Errorf("after the grant: %q (error %v)", res.Text, res.IsError)
	}
	p.SetCapabilities(nil)
	if res := call(t, p, "recall", map[string]string{"query": "plans"}); !res.IsError {
		t.Errorf("after revoking: %q, want a refusal", res.Text)
	}
}

// titleServer serves a page with a title on 127.0.0.1 and counts requests.
func titleServer(t *testing.T, title string) (*httptest.Server, *atomic.Int32, int) {
	t.Helper()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprintf(w, "<!doctype html><html><head><title>%s</title></head><body>hi</body></html>", title)
	}))
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	port, _ := strconv.Atoi(u.Port())
	return srv, &hits, port
}

func TestFetchTitleThroughLoopbackPort(t *testing.T) {
	srv, hits, port := titleServer(t, "Hearth   test page")
	h := newHost(t, host.Config{LoopbackFetchPort: port})
	p := load(t, h, host.Spec{ID: "dev.hearth.fetch", Wasm: guest(t, fetchPkg),
		Capabilities: []host.Capability{{Name: host.CapNetFetch, Hosts: []string{"127.0.0.1"}}}})
	res := call(t, p, "fetch_title", map[string]string{"url": srv.URL + "/page"})
	if res.IsError || res.Text != "Hearth test page" {
		t.Fatalf("title %q (error %v), want %q", res.Text, res.IsError, "Hearth test page")
	}
	if hits.Load() != 1 {
		t.Errorf("server saw %d requests, want 1", hits.Load())
	}
	if !strings.Contains(p.Log(), "fetched the title of "+srv.URL) {
		t.Errorf("log %q lacks the plugin's line", p.Log())
	}
}

func TestFetchLoopbackRefusedByDefault(t *testing.T) {
	srv, hits, port := titleServer(t, "should not be read")
	h := newHost(t, host.Config{})
	p := load(t, h, host.Spec{ID: "dev.hearth.fetch", Wasm: guest(t, fetchPkg),
		Capabilities: []host.Capability{{Name: host.CapNetFetch, Hosts: []string{"127.0.0.1"}}}})
	for _, u := range []string{srv.URL, "https://127.0.0.1:" + strconv.Itoa(port) + "/"} {
		res := call(t, p, "fetch_title", map[string]string{"url": u})
		if !res.IsError || strings.Contains(res.Text, "should not") {
			t.Errorf("%s: answer %q (error %v), want a refusal", u, res.Text, res.IsError)
		}
	}
	if hits.Load() != 0 {
		t.Errorf("the loopback server saw %d requests", hits.Load())
	}
}
