package openai_test

import (
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine/openai"
)

func TestParseURL(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"host and port", "127.0.0.1:8080", "http://127.0.0.1:8080/v1"},
		{"https, trailing slash", "https://gpu.example.org/", "https://gpu.example.org/v1"},
		{"v1 kept", "http://box.lan:1234/v1", "http://box.lan:1234/v1"},
		{"v1 with slash", "http://box.lan:1234/v1/", "http://box.lan:1234/v1"},
		{"other path kept", "https://box.lan/api/v1", "https://box.lan/api/v1"},
		{"ipv6", "http://[::1]:8000", "http://[::1]:8000/v1"},
		{"spaces", "  localhost:1234 ", "http://localhost:1234/v1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := openai.ParseURL(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if u.String() != tt.want {
				t.Errorf("ParseURL(%q) = %s, want %s", tt.in, u, tt.want)
			}
		})
	}
}

func TestParseURLRejects(t *testing.T) {
	for _, in := range []string{"", "ftp://box", "http://user:secret@box:8080", "http://box:99999", "http://box:port",
		"http://box/v1?key=1", "http://box/#x", "http://:8080"} {
		t.Run(in, func(t *testing.T) {
			if u, err := openai.ParseURL(in); err == nil {
				t.Errorf("ParseURL(%q) = %s, want an error", in, u)
			}
		})
	}
	_, err := openai.ParseURL("http://user:secret@box:8080")
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("an address with a password: %v", err)
	}
}

func TestWhereTheServerIs(t *testing.T) {
	tests := []struct {
		in               string
		loopback, public bool
	}{
		{"http://127.0.0.1:8080", true, false},
		{"http://localhost:8080", true, false},
		{"http://[::1]:8080", true, false},
		{"http://192.168.1.20:8080", false, false},
		{"http://10.0.0.2:8080", false, false},
		{"http://[fd00::2]:8080", false, false},
		{"http://169.254.10.1:8080", false, false},
		{"http://8.8.8.8:8080", false, true},
		{"http://box.lan:8080", false, false}, // a name is not resolved
	}
	for _, tt := range tests {
		u, err := openai.ParseURL(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if openai.Loopback(u) != tt.loopback || openai.PublicIP(u) != tt.public {
			t.Errorf("%s: loopback %v public %v, want %v %v", tt.in, openai.Loopback(u), openai.PublicIP(u), tt.loopback, tt.public)
		}
	}
}
