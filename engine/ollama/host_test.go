package ollama_test

import (
	"testing"

	"github.com/hearth-app/hearth/engine/ollama"
)

func TestParseHost(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty is the default", "", "http://127.0.0.1:11434"},
		{"bare ip", "0.0.0.0", "http://0.0.0.0:11434"},
		{"port only", ":8080", "http://127.0.0.1:8080"},
		{"host and port", "box.lan:11434", "http://box.lan:11434"},
		{"http scheme defaults to 80", "http://box.lan", "http://box.lan:80"},
		{"https scheme defaults to 443", "https://ollama.lan", "https://ollama.lan:443"},
		{"scheme host port", "http://10.0.0.2:9000", "http://10.0.0.2:9000"},
		{"ipv6", "[::1]:11434", "http://[::1]:11434"},
		{"ipv6 without port", "[::1]", "http://[::1]:11434"},
		{"path kept", "https://example.lan:8443/ollama", "https://example.lan:8443/ollama"},
		{"spaces trimmed", "  127.0.0.1:1234 ", "http://127.0.0.1:1234"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := ollama.ParseHost(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := u.String(); got != tt.want {
				t.Errorf("ParseHost(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseHostRejects(t *testing.T) {
	for _, in := range []string{"ftp://box", "box:99999", "box:port"} {
		t.Run(in, func(t *testing.T) {
			if u, err := ollama.ParseHost(in); err == nil {
				t.Errorf("ParseHost(%q) = %s, want an error", in, u)
			}
		})
	}
}

func TestNewReadsOllamaHost(t *testing.T) {
	t.Setenv("OLLAMA_HOST", "127.0.0.1:4242")
	b, err := ollama.New("")
	if err != nil {
		t.Fatal(err)
	}
	if b.Host() != "http://127.0.0.1:4242" {
		t.Errorf("host %s, want OLLAMA_HOST's", b.Host())
	}
	b, err = ollama.New("10.1.2.3")
	if err != nil {
		t.Fatal(err)
	}
	if b.Host() != "http://10.1.2.3:11434" {
		t.Errorf("explicit host %s, want it to win over OLLAMA_HOST", b.Host())
	}
}
