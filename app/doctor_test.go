package app

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestOllamaHost(t *testing.T) {
	tests := []struct{ env, want string }{
		{"", "http://127.0.0.1:11434"},
		{"127.0.0.1", "http://127.0.0.1:11434"},
		{"127.0.0.1:5000", "http://127.0.0.1:5000"},
		{"http://127.0.0.1:5000", "http://127.0.0.1:5000"},
		{"https://gpu-box.lan", "https://gpu-box.lan:11434"},
		{"0.0.0.0:11434", "http://127.0.0.1:11434"},
		{":7000", "http://127.0.0.1:7000"},
	}
	for _, tt := range tests {
		t.Run(tt.env, func(t *testing.T) {
			t.Setenv("OLLAMA_HOST", tt.env)
			if got := ollamaHost(); got != tt.want {
				t.Fatalf("ollamaHost() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestProbeOllama(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/version" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(`{"version":"0.6.5"}`))
	}))
	defer srv.Close()
	got := probeOllama(context.Background(), srv.URL)
	if !got.Running || got.Version != "0.6.5" {
		t.Fatalf("probe of a live server = %+v", got)
	}
	srv.Close()
	if got := probeOllama(context.Background(), srv.URL); got.Running || got.Error == "" {
		t.Fatalf("probe of a closed server = %+v", got)
	}
}
