package ollama

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
)

// DefaultPort is the port Ollama listens on when OLLAMA_HOST names none.
const DefaultPort = "11434"

// ParseHost reads a server address the way Ollama reads OLLAMA_HOST: an
// optional scheme ("http://" when absent), a host (127.0.0.1 when absent), an
// optional port and an optional path. The port defaults to 11434, or to 80
// and 443 when the scheme is written out as http or https.
//
//	""                      → http://127.0.0.1:11434
//	"0.0.0.0"               → http://0.0.0.0:11434
//	":8080"                 → http://127.0.0.1:8080
//	"box.lan:11434"         → http://box.lan:11434
//	"https://ollama.lan"    → https://ollama.lan:443
func ParseHost(s string) (*url.URL, error) {
	port := DefaultPort
	scheme, hostport, ok := strings.Cut(strings.TrimSpace(s), "://")
	switch {
	case !ok:
		scheme, hostport = "http", scheme
	case scheme == "http":
		port = "80"
	case scheme == "https":
		port = "443"
	default:
		return nil, fmt.Errorf("ollama host %q: unknown scheme %q", s, scheme)
	}
	hostport, path, _ := strings.Cut(hostport, "/")
	host, p, err := net.SplitHostPort(hostport)
	if err != nil {
		host = strings.Trim(hostport, "[]")
	} else {
		if n, err := strconv.Atoi(p); err != nil || n < 0 || n > 65535 {
			return nil, fmt.Errorf("ollama host %q: invalid port %q", s, p)
		}
		port = p
	}
	if host == "" {
		host = "127.0.0.1"
	}
	return &url.URL{Scheme: scheme, Host: net.JoinHostPort(host, port), Path: path}, nil
}

// HostFromEnv returns the server OLLAMA_HOST names, or Ollama's default.
func HostFromEnv() (*url.URL, error) {
	return ParseHost(os.Getenv("OLLAMA_HOST"))
}
