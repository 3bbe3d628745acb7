package openai

import (
	"fmt"
	"net"
	"strings"
)

// DefaultAddr is where `hearth serve` listens unless told otherwise.
const DefaultAddr = "127.0.0.1:7323"

// CheckAddr vets a listening address. A loopback address (127.0.0.0/8, ::1,
// localhost) is fine. Any other address, including an empty host (every
// interface), is refused unless allowRemote is set; then a warning for the
// user is returned.
func CheckAddr(addr string, allowRemote bool) (warning string, err error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("address %q: %w (want HOST:PORT, such as %s)", addr, err, DefaultAddr)
	}
	if _, err := net.LookupPort("tcp", port); err != nil {
		return "", fmt.Errorf("address %q: bad port %q", addr, port)
	}
	if isLoopback(host) {
		return "", nil
	}
	if !allowRemote {
		return "", fmt.Errorf("address %q is reachable from other machines; use a loopback address such as %s, or pass --allow-remote if you mean it", addr, DefaultAddr)
	}
	where := host
	if where == "" {
		where = "every network interface"
	}
	return fmt.Sprintf("warning: serving on %s: anyone on your network who has the token can use your models, and traffic is not encrypted", where), nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
