package openai

import (
	"errors"
	"net"
	"net/url"
	"strings"
)

// ParseURL reads the address of a server: a scheme (http:// when absent), a
// host with an optional port, and an optional path, /v1 when absent. Where
// the API lives under another path (say /api/v1), it is written out.
//
//	"127.0.0.1:8080"            → http://127.0.0.1:8080/v1
//	"https://gpu.example.org/"  → https://gpu.example.org/v1
//	"http://box.lan:1234/v1"    → http://box.lan:1234/v1
//
// An address with a user name or password, a query or a fragment is
// refused: the key has its own field, and never travels in a URL.
func ParseURL(s string) (*url.URL, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, errors.New("the server address is empty")
	}
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return nil, errors.New("the server address is not a URL like http://127.0.0.1:8080/v1")
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, errors.New("the server address must start with http:// or https://")
	case u.User != nil:
		return nil, errors.New("the server address must not hold a user name or password; put the API key in its own field")
	case u.Hostname() == "":
		return nil, errors.New("the server address names no host")
	case u.RawQuery != "" || u.Fragment != "" || u.Opaque != "":
		return nil, errors.New("the server address must not have a query or a fragment")
	}
	if p := u.Port(); p != "" {
		if n, err := net.LookupPort("tcp", p); err != nil || n <= 0 {
			return nil, errors.New("the server address has an invalid port")
		}
	}
	u.Path = strings.TrimRight(u.Path, "/")
	if u.Path == "" {
		u.Path = "/v1"
	}
	u.RawPath = ""
	return u, nil
}

// Loopback reports whether the server at u runs on this computer:
// localhost or a loopback address. Other names are not resolved (what a
// name points at can change).
func Loopback(u *url.URL) bool {
	name := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if name == "localhost" {
		return true
	}
	ip := net.ParseIP(name)
	return ip != nil && ip.IsLoopback()
}

// PublicIP reports whether u names its host by an IP address outside this
// computer and the private networks, where plain http is never spoken.
func PublicIP(u *url.URL) bool {
	ip := net.ParseIP(u.Hostname())
	return ip != nil && !privateIP(ip)
}

// privateIP reports whether ip is loopback, private (RFC 1918, fc00::/7) or
// link-local: the addresses plain http may go to.
func privateIP(ip net.IP) bool {
	return ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast()
}
