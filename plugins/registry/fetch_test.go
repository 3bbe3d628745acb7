package registry_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/plugins/registry"
)

// registryServer serves index.json and its signature on 127.0.0.1, plus the
// routes in extra.
func registryServer(t *testing.T, index, sig []byte, extra map[string]http.HandlerFunc) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/index.json", func(w http.ResponseWriter, r *http.Request) { w.Write(index) })
	mux.HandleFunc("/index.json.minisig", func(w http.ResponseWriter, r *http.Request) { w.Write(sig) })
	for path, h := range extra {
		mux.HandleFunc(path, h)
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Fatalf("the test server is at %s, not on 127.0.0.1", srv.URL)
	}
	return srv
}

func TestFetchThenVerify(t *testing.T) {
	regPub, regKey := newKey(t)
	author, _ := newKey(t)
	index := encode(t, indexJSON(t, 3, author.String(), version("1.0.0")))
	sig := signed(t, index, regKey)
	srv := registryServer(t, index, sig, map[string]http.HandlerFunc{
		"/moved/": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, strings.TrimPrefix(r.URL.Path, "/moved"), http.StatusFound)
		},
	})
	for _, path := range []string{"/index.json", "/moved/index.json"} {
		gotIndex, gotSig, err := registry.Fetch(context.Background(), srv.Client(), srv.URL+path)
		if err != nil {
			t.Fatalf("Fetch %s: %v", path, err)
		}
		if !bytes.Equal(gotIndex, index) {
			t.Fatalf("Fetch %s returned other bytes", path)
		}
		if _, err := registry.Verify(gotIndex, gotSig, registry.Trust{PublicKey: regPub.String()}, now); err != nil {
			t.Fatalf("Verify after Fetch %s: %v", path, err)
		}
	}
}

func TestFetchRefuses(t *testing.T) {
	big := bytes.Repeat([]byte(" "), registry.MaxIndex+1)
	var srvURL string
	srv := registryServer(t, []byte("{}"), []byte("sig"), map[string]http.HandlerFunc{
		"/big/index.json": func(w http.ResponseWriter, r *http.Request) { w.Write(big) },
		"/nosig/index.json": func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte("{}"))
		},
		"/away/index.json": func(w http.ResponseWriter, r *http.Request) {
			// localhost resolves to a loopback address, but only 127.0.0.1
			// may be reached over plain http.
			http.Redirect(w, r, strings.Replace(srvURL, "127.0.0.1", "localhost", 1)+"/index.json", http.StatusFound)
		},
		"/loop/index.json": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/loop/index.json", http.StatusFound)
		},
	})
	srvURL = srv.URL
	cases := []struct {
		name, url string
		kind      error
		says      string
	}{
		{"plain http elsewhere", "http://registry.example.com/index.json", registry.ErrURL, "not an https URL"},
		{"http to localhost", strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) + "/index.json", registry.ErrURL, "not an https URL"},
		{"ftp", "ftp://registry.example.com/index.json", registry.ErrURL, "not an https URL"},
		{"file", "file:///etc/passwd", registry.ErrURL, "not a plain https URL"},
		{"user information", "https://user:pw@registry.example.com/index.json", registry.ErrURL, "not a plain https URL"},
		{"not found", srv.URL + "/missing/index.json", registry.ErrFetch, "answered HTTP 404"},
		{"signature missing", srv.URL + "/nosig/index.json", registry.ErrFetch, "answered HTTP 404"},
		{"index too large", srv.URL + "/big/index.json", registry.ErrTooLarge, "larger than 8 MiB"},
		{"redirect to a refused URL", srv.URL + "/away/index.json", registry.ErrURL, "not an https URL"},
		{"redirect loop", srv.URL + "/loop/index.json", registry.ErrFetch, "redirected more than 5 times"},
		{"nothing listening", "http://127.0.0.1:1/index.json", registry.ErrFetch, "cannot be reached"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			index, sig, err := registry.Fetch(context.Background(), srv.Client(), c.url)
			if index != nil || sig != nil {
				t.Error("Fetch returned data with its error")
			}
			wantError(t, err, c.kind, c.says)
		})
	}
}

func TestFetchHonoursContext(t *testing.T) {
	srv := registryServer(t, []byte("{}"), []byte("sig"), nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := registry.Fetch(ctx, nil, srv.URL+"/index.json")
	wantError(t, err, registry.ErrFetch, "cannot be reached")
}
