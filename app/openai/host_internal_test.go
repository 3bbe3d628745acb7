package openai

import (
	"net"
	"os"
	"testing"
)

// With --allow-remote the server is reached by IP address or by this
// machine's name; DNS names an attacker could rebind stay refused.
func TestHostGuardRemote(t *testing.T) {
	g := newHostGuard(&net.TCPAddr{IP: net.IPv4zero, Port: 7323})
	loop := newHostGuard(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 7323})
	name, _ := os.Hostname()
	tests := []struct {
		host         string
		remote, loop bool
	}{
		{"127.0.0.1:7323", true, true},
		{"localhost:7323", true, true},
		{"[::1]:7323", true, true},
		{"192.168.1.20:7323", true, false},
		{"[fe80::1]:7323", true, false},
		{name + ":7323", true, false},
		{name + ".local:7323", true, false},
		{"rebind.attacker.example:7323", false, false},
		{"192.168.1.20:80", false, false},
		{"192.168.1.20", false, false},
		{"", false, false},
	}
	for _, tt := range tests {
		if got := g.allowed(tt.host); got != tt.remote {
			t.Errorf("remote: allowed(%q) = %v", tt.host, got)
		}
		if got := loop.allowed(tt.host); got != tt.loop {
			t.Errorf("loopback: allowed(%q) = %v", tt.host, got)
		}
	}
}
