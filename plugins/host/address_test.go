package host

import (
	"net/netip"
	"testing"
)

// The expectations follow IANA's special-purpose address registries
// (RFC 6890 and its updates): only global unicast outside them is public.
func TestPublicAddress(t *testing.T) {
	cases := []struct {
		addr   string
		public bool
	}{
		{"8.8.8.8", true},
		{"93.184.215.14", true},
		{"2606:4700::1111", true},
		{"127.0.0.1", false},
		{"127.0.0.2", false},
		{"10.0.0.1", false},
		{"172.16.0.1", false},
		{"172.31.255.255", false},
		{"172.32.0.1", true},
		{"192.168.1.1", false},
		{"169.254.169.254", false},
		{"100.64.0.1", false},
		{"100.127.255.255", false},
		{"100.128.0.1", true},
		{"0.0.0.0", false},
		{"0.1.2.3", false},
		{"224.0.0.1", false},
		{"239.255.255.250", false},
		{"255.255.255.255", false},
		{"240.0.0.1", false},
		{"192.0.0.8", false},
		{"192.0.2.1", false},
		{"198.18.0.1", false},
		{"::1", false},
		{"::", false},
		{"fe80::1", false},
		{"fc00::1", false},
		{"fd12:3456::1", false},
		{"ff02::1", false},
		{"::ffff:127.0.0.1", false},
		{"::ffff:169.254.169.254", false},
		{"::ffff:10.1.2.3", false},
		{"::ffff:8.8.8.8", true},
		{"2002:7f00:1::", false},
		{"2001:db8::1", false},
		{"fe80::1%eth0", false},
	}
	for _, c := range cases {
		if got := publicAddress(netip.MustParseAddr(c.addr)); got != c.public {
			t.Errorf("publicAddress(%s) = %v, want %v", c.addr, got, c.public)
		}
	}
}

func TestDialControl(t *testing.T) {
	control := dialControl(8080)
	cases := []struct {
		address string
		allowed bool
	}{
		{"127.0.0.1:8080", true},
		{"127.0.0.1:8081", false},
		{"127.0.0.2:8080", false},
		{"[::1]:8080", false},
		{"8.8.8.8:443", true},
		{"not an address", false},
	}
	for _, c := range cases {
		if err := control("tcp", c.address, nil); (err == nil) != c.allowed {
			t.Errorf("%s: %v, want allowed %v", c.address, err, c.allowed)
		}
	}
	if err := dialControl(0)("tcp", "127.0.0.1:8080", nil); err == nil {
		t.Error("loopback allowed without a loopback port")
	}
}

func TestHostListed(t *testing.T) {
	hosts := []string{"API.example.com", "*.cdn.example.org"}
	cases := []struct {
		host string
		want bool
	}{
		{"api.example.com", true},
		{"API.EXAMPLE.COM", true},
		{"example.com", false},
		{"evil.api.example.com", false},
		{"api.example.com.evil", false},
		{"img.cdn.example.org", true},
		{"a.b.cdn.example.org", true},
		{"cdn.example.org", false},
		{"xcdn.example.org", false},
		{"", false},
	}
	for _, c := range cases {
		if got := hostListed(c.host, hosts); got != c.want {
			t.Errorf("hostListed(%q) = %v, want %v", c.host, got, c.want)
		}
	}
	if hostListed("anything", []string{"*."}) {
		t.Error("a bare \"*.\" matched")
	}
}

func TestBoundedLogKeepsTheEnd(t *testing.T) {
	var l boundedLog
	for i := 0; i < 3*logLimit/10; i++ {
		l.Write([]byte("0123456789"))
	}
	l.Write([]byte("END"))
	got := l.String()
	if len(got) != logLimit || got[len(got)-3:] != "END" {
		t.Fatalf("kept %d bytes ending %q, want %d ending END", len(got), got[len(got)-3:], logLimit)
	}
	big := make([]byte, 2*logLimit)
	big[len(big)-1] = 'Z'
	l.Write(big)
	if got := l.String(); len(got) != logLimit || got[len(got)-1] != 'Z' {
		t.Fatalf("after a write over the limit: %d bytes", len(got))
	}
}
