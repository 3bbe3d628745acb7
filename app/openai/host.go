package openai

import (
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
)

// hostGuard refuses requests that were not addressed to the server itself,
// as a defence in depth against DNS rebinding: a web page whose own name
// the attacker points at 127.0.0.1 reaches the port, but its requests carry
// the attacker's name in Host and its origin in Origin.
//
// On loopback, Host must be localhost or a loopback address, with the
// listening port. With --allow-remote (a listener other machines reach),
// Host may also be any IP address or this machine's name (NAME or
// NAME.local): rebinding needs a DNS name the attacker controls, and those
// are still refused. An Origin header, which browsers send and API
// clients do not, must name the same place over http.
type hostGuard struct {
	port   string
	remote bool     // the listener is reachable from other machines
	names  []string // this machine's names, accepted when remote
}

// newHostGuard returns the guard for a listener at addr.
func newHostGuard(addr net.Addr) hostGuard {
	g := hostGuard{}
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return g // no port can match: everything is refused
	}
	g.port = port
	ip := net.ParseIP(host)
	g.remote = ip == nil || !ip.IsLoopback()
	if name, err := os.Hostname(); err == nil && name != "" {
		g.names = []string{name, name + ".local"}
	}
	return g
}

// check returns the 403 message for a request that must be refused, or ""
// for one addressed to this server.
func (g hostGuard) check(r *http.Request) string {
	if !g.allowed(r.Host) {
		return "Hearth's API answers only requests addressed to it (such as 127.0.0.1:" + g.port +
			" or localhost:" + g.port + "); this one was addressed to another host."
	}
	if origin := r.Header.Get("Origin"); origin != "" && !g.sameOrigin(origin) {
		return "Hearth's API does not answer requests from web pages of other origins."
	}
	return ""
}

// allowed reports whether hostport (a Host header) names this server.
func (g hostGuard) allowed(hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		host, port = hostport, "80"
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if g.port == "" || port != g.port || host == "" {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback() || g.remote
	}
	if g.remote {
		for _, n := range g.names {
			if strings.EqualFold(host, n) {
				return true
			}
		}
	}
	return false
}

// sameOrigin reports whether an Origin header names this server.
func (g hostGuard) sameOrigin(origin string) bool {
	u, err := url.Parse(origin)
	return err == nil && u.Scheme == "http" && u.User == nil && (u.Path == "" || u.Path == "/") && g.allowed(u.Host)
}
