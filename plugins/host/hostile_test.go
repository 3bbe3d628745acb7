package host_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hearth-app/hearth/plugins/host"
)

// hostileSetup is a host with the hostile plugin and a units plugin beside
// it, which must keep answering whatever the hostile one does.
type hostileSetup struct {
	host    *host.Host
	hostile *host.Plugin
	units   *host.Plugin
	audit   *auditLog
	svc     *memoryServices
}

func newHostileSetup(t *testing.T, cfg host.Config, limits host.Limits, grants []host.Capability) *hostileSetup {
	t.Helper()
	s := &hostileSetup{audit: &auditLog{}, svc: &memoryServices{
		hits:    []host.Hit{{Text: "private memory", Source: "memory"}},
		secrets: map[string]string{"token": "hunter2"},
	}}
	cfg.Audit = s.audit.record
	s.host = newHost(t, cfg)
	s.hostile = load(t, s.host, host.Spec{ID: "dev.test.hostile", Wasm: guest(t, hostilePkg), Limits: limits, Capabilities: grants, Services: s.svc})
	s.units = load(t, s.host, host.Spec{ID: "dev.hearth.units", Wasm: guest(t, unitsPkg)})
	return s
}

func TestHostileCallsFailWithOneSentence(t *testing.T) {
	// The time limit is far above what these calls need, even on a loaded
	// machine; the loop has its own test.
	s := newHostileSetup(t, host.Config{}, host.Limits{MemoryMB: 48, TimeoutMS: 60000, OutputKB: 64}, nil)
	cases := []struct {
		tool string
		want error
		says string
	}{
		{"grow", host.ErrMemoryLimit, "ran out of its 48 MiB memory limit"},
		{"huge", host.ErrOutputTooLarge, "more than 64 KiB"},
		{"trap", host.ErrCrashed, "failed while running"},
		{"exit", host.ErrCrashed, "failed while running"},
		{"badptr", host.ErrCrashed, "not a valid response"},
		{"garbage", host.ErrCrashed, "not a valid response"},
	}
	for _, c := range cases {
		t.Run(c.tool, func(t *testing.T) {
			_, err := s.hostile.Call(context.Background(), c.tool, json.RawMessage(`{}`))
			if !isErr(err, c.want) {
				t.Fatalf("error %v, want %v", err, c.want)
			}
			if !strings.Contains(err.Error(), c.says) || !strings.Contains(err.Error(), "dev.test.hostile") {
				t.Errorf("error %q, want it to name the plugin and say %q", err, c.says)
			}
			oneSentence(t, err)
			// The same plugin answers its next call from a fresh instance,
			// and the plugin beside it never noticed.
			if res := call(t, s.hostile, "ping", map[string]int{"n": 1}); res.Text != "pong" {
				t.Errorf("next call answered %q", res.Text)
			}
			mustConvertMiles(t, s.units)
		})
	}
}

func TestPanicGoesToTheLog(t *testing.T) {
	s := newHostileSetup(t, host.Config{}, host.Limits{}, nil)
	if _, err := s.hostile.Call(context.Background(), "trap", nil); !isErr(err, host.ErrCrashed) {
		t.Fatalf("error %v, want ErrCrashed", err)
	}
	if log := s.hostile.Log(); !strings.Contains(log, "assignment to entry in nil map") {
		t.Errorf("log %q lacks the guest's panic", log)
	}
}

func TestEndlessLoopIsStoppedAtTheTimeout(t *testing.T) {
	s := newHostileSetup(t, host.Config{}, host.Limits{TimeoutMS: 1500}, nil)
	start := time.Now()
	_, err := s.hostile.Call(context.Background(), "loop", json.RawMessage(`{}`))
	if !isErr(err, host.ErrTimeout) {
		t.Fatalf("error %v, want ErrTimeout", err)
	}
	if want := "the plugin dev.test.hostile did not answer within 1.5 s and was stopped"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	oneSentence(t, err)
	// Generous: only proves the loop was stopped, not left to run on.
	if d := time.Since(start); d > 60*time.Second {
		t.Errorf("the loop ran %v under a 1.5 s limit", d)
	}
	mustConvertMiles(t, s.units)
	// The plugin gets a fresh instance; retried, since a loaded machine may
	// need more than 1.5 s to make one.
	var res host.Result
	for range 3 {
		if res, err = s.hostile.Call(context.Background(), "ping", json.RawMessage(`{"n":1}`)); err == nil {
			break
		}
	}
	if err != nil || res.Text != "pong" {
		t.Errorf("after the timeout: %q, %v", res.Text, err)
	}
}

func TestCallerCancellationStopsPlugin(t *testing.T) {
	s := newHostileSetup(t, host.Config{}, host.Limits{TimeoutMS: 60000}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	_, err := s.hostile.Call(ctx, "loop", nil)
	if !isErr(err, context.Canceled) || isErr(err, host.ErrTimeout) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	oneSentence(t, err)
	mustConvertMiles(t, s.units)
}

// hostAnswer is what the hostile tool "call" reports of a host call.
type hostAnswer struct {
	Status uint32 `json:"status"`
	Answer struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"answer"`
}

func callHost(t *testing.T, p *host.Plugin, function string, request any) hostAnswer {
	t.Helper()
	res := call(t, p, "call", map[string]any{"function": function, "request": request})
	var a hostAnswer
	if err := json.Unmarshal(res.Structured, &a); err != nil {
		t.Fatalf("answer %s: %v", res.Structured, err)
	}
	return a
}

func TestHostFunctionsWithoutCapabilityAreDenied(t *testing.T) {
	s := newHostileSetup(t, host.Config{}, host.Limits{}, []host.Capability{{Name: host.CapNotify}})
	cases := []struct {
		function, capability string
		request              any
	}{
		{"memory_search", host.CapMemoryRead, map[string]any{"query": "x", "k": 3}},
		{"net_fetch", host.CapNetFetch, map[string]any{"url": "https://example.com/"}},
		{"secret_get", host.CapSecrets, map[string]any{"key": "token"}},
	}
	for _, c := range cases {
		t.Run(c.function, func(t *testing.T) {
			a := callHost(t, s.hostile, c.function, c.request)
			if a.Status != 1 || a.Answer.Code != "permission_denied" || strings.Contains(a.Answer.Message, "hunter2") {
				t.Fatalf("answer %+v, want status 1 and permission_denied", a)
			}
			e, ok := s.audit.find(c.function, false)
			if !ok || e.Plugin != "dev.test.hostile" || e.Capability != c.capability || e.Time.IsZero() {
				t.Fatalf("audit event %+v (found %v), want a denied event for %s", e, ok, c.capability)
			}
			if _, ok := s.audit.find(c.function, true); ok {
				t.Errorf("an allowed audit event for %s", c.function)
			}
			mustConvertMiles(t, s.units)
		})
	}
	if len(s.svc.queries) != 0 {
		t.Errorf("services saw searches %q", s.svc.queries)
	}
}

func TestRequestsOutOfBoundsAreRefused(t *testing.T) {
	s := newHostileSetup(t, host.Config{}, host.Limits{}, []host.Capability{{Name: host.CapMemoryRead}})
	for tool, code := range map[string]string{"hugereq": "too_large", "oobreq": "invalid_request"} {
		res := call(t, s.hostile, tool, nil)
		var a hostAnswer
		if err := json.Unmarshal(res.Structured, &a); err != nil || a.Status != 1 || a.Answer.Code != code {
			t.Errorf("%s: %s, want status 1 and %s", tool, res.Structured, code)
		}
	}
	if len(s.svc.queries) != 0 {
		t.Errorf("services saw %q", s.svc.queries)
	}
	mustConvertMiles(t, s.units)
}

func TestSecretWithCapabilityIsAllowedAndAudited(t *testing.T) {
	s := newHostileSetup(t, host.Config{}, host.Limits{}, []host.Capability{{Name: host.CapSecrets}})
	res := call(t, s.hostile, "call", map[string]any{"function": "secret_get", "request": map[string]string{"key": "token"}})
	if !strings.Contains(string(res.Structured), `"value":"hunter2"`) {
		t.Errorf("answer %s, want the secret", res.Structured)
	}
	if e, ok := s.audit.find("secret_get", true); !ok || e.Detail != "key token" {
		t.Errorf("audit event %+v, want an allowed one naming the key", e)
	}
	for _, bad := range []string{`{"key": 5}`, `{"key": "token", "extra": 1}`, `not json`, `{"key": ""}`} {
		res := call(t, s.hostile, "call", map[string]any{"function": "secret_get", "raw": bad})
		if !strings.Contains(string(res.Structured), "invalid_request") {
			t.Errorf("request %s answered %s, want invalid_request", bad, res.Structured)
		}
	}
}

func TestNetFetchRefusals(t *testing.T) {
	dns := startDNS(t, map[string]netip.Addr{
		"rebind.test":   netip.MustParseAddr("10.0.0.1"),
		"loopback.test": netip.MustParseAddr("127.0.0.2"),
		"mapped.test":   netip.MustParseAddr("::ffff:169.254.169.254"),
		"ula.test":      netip.MustParseAddr("fd00::1"),
	})
	srv, hits, port := titleServer(t, "never")
	grants := []host.Capability{{Name: host.CapNetFetch, Hosts: []string{
		"api.example.com", "127.0.0.1", "169.254.169.254", "[::ffff:127.0.0.1]", "::ffff:127.0.0.1",
		"rebind.test", "loopback.test", "mapped.test", "ula.test", "100.64.0.1", "0.0.0.0",
	}}}
	s := newHostileSetup(t, host.Config{}, host.Limits{}, grants)
	host.UseDNSServer(s.host, dns)
	cases := []struct{ name, url, says string }{
		{"host not listed", "https://evil.example/", "not granted access to evil.example"},
		{"plain http", "http://api.example.com/", "https URLs only"},
		{"loopback http", srv.URL, "https URLs only"},
		{"loopback https", "https://127.0.0.1:" + strconv.Itoa(port) + "/", "may not reach"},
		{"metadata", "https://169.254.169.254/latest/meta-data/", "may not reach"},
		{"mapped loopback", "https://[::ffff:127.0.0.1]:" + strconv.Itoa(port) + "/", "may not reach"},
		{"cgnat", "https://100.64.0.1/", "may not reach"},
		{"unspecified", "https://0.0.0.0/", "may not reach"},
		{"rebinding to 10/8", "https://rebind.test/", "may not reach"},
		{"rebinding to loopback", "https://loopback.test:" + strconv.Itoa(port) + "/", "may not reach"},
		{"rebinding to mapped metadata", "https://mapped.test/", "may not reach"},
		{"rebinding to ULA", "https://ula.test/", "may not reach"},
		{"user info", "https://user:pw@api.example.com/", "user name or password"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := callHost(t, s.hostile, "net_fetch", map[string]any{"url": c.url})
			if a.Status != 1 || !strings.Contains(a.Answer.Message, c.says) {
				t.Fatalf("answer %+v, want a refusal saying %q", a, c.says)
			}
			if strings.Contains(c.says, "not granted") || strings.Contains(c.says, "may not reach") || strings.Contains(c.says, "https") {
				if a.Answer.Code != "permission_denied" {
					t.Errorf("code %q, want permission_denied", a.Answer.Code)
				}
			}
		})
	}
	if hits.Load() != 0 {
		t.Errorf("the loopback server saw %d requests", hits.Load())
	}
	if _, ok := s.audit.find("net_fetch", false); !ok {
		t.Errorf("no denied audit event for net_fetch")
	}
	mustConvertMiles(t, s.units)
}

func TestNetFetchRedirectsAreChecked(t *testing.T) {
	var landed atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/away", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://evil.example/steal", http.StatusFound)
	})
	mux.HandleFunc("/metadata", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
	})
	mux.HandleFunc("/here", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/landing", http.StatusFound)
	})
	mux.HandleFunc("/landing", func(w http.ResponseWriter, r *http.Request) {
		landed.Add(1)
		w.Header().Set("X-Test", "yes")
		w.Write([]byte("landed"))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	port, _ := strconv.Atoi(u.Port())
	grants := []host.Capability{{Name: host.CapNetFetch, Hosts: []string{"127.0.0.1", "169.254.169.254"}}}
	s := newHostileSetup(t, host.Config{LoopbackFetchPort: port}, host.Limits{}, grants)

	res := call(t, s.hostile, "call", map[string]any{"function": "net_fetch", "request": map[string]string{"url": srv.URL + "/here"}})
	var ok struct {
		Status int `json:"status"`
		Answer struct {
			Status  int               `json:"status"`
			Headers map[string]string `json:"headers"`
			Body    string            `json:"body"`
		} `json:"answer"`
	}
	if err := json.Unmarshal(res.Structured, &ok); err != nil || ok.Status != 0 || ok.Answer.Status != 200 || ok.Answer.Body != "landed" || ok.Answer.Headers["X-Test"] != "yes" {
		t.Fatalf("redirect within the grant answered %s", res.Structured)
	}
	for _, path := range []string{"/away", "/metadata"} {
		a := callHost(t, s.hostile, "net_fetch", map[string]string{"url": srv.URL + path})
		if a.Status != 1 || a.Answer.Code != "permission_denied" {
			t.Errorf("%s: answer %+v, want permission_denied", path, a)
		}
	}
	for _, header := range []string{"Host", "Proxy-Authorization", "Bad Name", "X-Ok\r\nInjected"} {
		a := callHost(t, s.hostile, "net_fetch", map[string]any{"url": srv.URL + "/landing", "headers": map[string]string{header: "v"}})
		if a.Status != 1 || a.Answer.Code != "invalid_request" {
			t.Errorf("header %q: answer %+v, want invalid_request", header, a)
		}
	}
	if landed.Load() != 1 {
		t.Errorf("landing saw %d requests, want 1", landed.Load())
	}
}

func TestNetFetchBodyIsCapped(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(strings.Repeat("a", 1<<20+1)))
	}))
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	port, _ := strconv.Atoi(u.Port())
	s := newHostileSetup(t, host.Config{LoopbackFetchPort: port}, host.Limits{}, []host.Capability{{Name: host.CapNetFetch, Hosts: []string{"127.0.0.1"}}})
	a := callHost(t, s.hostile, "net_fetch", map[string]string{"url": srv.URL})
	if a.Status != 1 || a.Answer.Code != "too_large" {
		t.Errorf("answer %+v, want too_large", a)
	}
}

func TestWASIHasNoFilesArgsOrEnvironment(t *testing.T) {
	s := newHostileSetup(t, host.Config{}, host.Limits{}, nil)
	res := call(t, s.hostile, "fs", nil)
	var got map[string]string
	if err := json.Unmarshal(res.Structured, &got); err != nil {
		t.Fatal(err)
	}
	for _, what := range []string{"read /etc/passwd", "list /", "list .", "write /tmp/hostile"} {
		if got[what] == "ok" || got[what] == "" {
			t.Errorf("%s: %q, want a failure", what, got[what])
		}
	}
	if got["env"] != "" || got["args"] != "" {
		t.Errorf("environment %q and arguments %q, want none", got["env"], got["args"])
	}
}

func TestClockIsFakeAndRandomIsDeterministic(t *testing.T) {
	h := newHost(t, host.Config{})
	var randoms []string
	for _, id := range []string{"dev.test.one", "dev.test.two"} {
		p := load(t, h, host.Spec{ID: id, Wasm: guest(t, hostilePkg)})
		res := call(t, p, "clock", nil)
		var got struct {
			UnixNano int64  `json:"unix_nano"`
			Random   string `json:"random"`
		}
		if err := json.Unmarshal(res.Structured, &got); err != nil {
			t.Fatal(err)
		}
		// wazero's fake wall clock starts at 2022-01-01 and moves 1 ms per
		// reading; a real clock reads years later.
		if real := time.Now().Add(-24 * time.Hour); time.Unix(0, got.UnixNano).After(real) {
			t.Errorf("%s read the real clock: %v", id, time.Unix(0, got.UnixNano))
		}
		randoms = append(randoms, got.Random)
	}
	if randoms[0] != randoms[1] || len(randoms[0]) != 32 {
		t.Errorf("random bytes %q, want the same 16 bytes from both fresh instances", randoms)
	}
}
