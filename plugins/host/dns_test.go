package host_test

import (
	"net"
	"net/netip"
	"strings"
	"testing"

	"golang.org/x/net/dns/dnsmessage"
)

// startDNS runs a real DNS server on 127.0.0.1 (UDP) that answers A and
// AAAA questions for the given names (without the final dot) and NXDOMAIN
// for the rest. It returns the server's address.
func startDNS(t *testing.T, records map[string]netip.Addr) string {
	t.Helper()
	conn, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	go func() {
		buf := make([]byte, 1500)
		for {
			n, from, err := conn.ReadFrom(buf)
			if err != nil {
				return
			}
			if reply, ok := answerDNS(buf[:n], records); ok {
				_, _ = conn.WriteTo(reply, from)
			}
		}
	}()
	return conn.LocalAddr().String()
}

// answerDNS builds the reply to one query.
func answerDNS(query []byte, records map[string]netip.Addr) ([]byte, bool) {
	var p dnsmessage.Parser
	hdr, err := p.Start(query)
	if err != nil {
		return nil, false
	}
	q, err := p.Question()
	if err != nil {
		return nil, false
	}
	addr, known := records[strings.TrimSuffix(strings.ToLower(q.Name.String()), ".")]
	reply := dnsmessage.Header{ID: hdr.ID, Response: true, Authoritative: true, RecursionAvailable: true}
	if !known {
		reply.RCode = dnsmessage.RCodeNameError
	}
	b := dnsmessage.NewBuilder(nil, reply)
	b.EnableCompression()
	if b.StartQuestions() != nil || b.Question(q) != nil || b.StartAnswers() != nil {
		return nil, false
	}
	rh := dnsmessage.ResourceHeader{Name: q.Name, Class: dnsmessage.ClassINET, TTL: 60}
	switch {
	case known && q.Type == dnsmessage.TypeA && addr.Is4():
		if b.AResource(rh, dnsmessage.AResource{A: addr.As4()}) != nil {
			return nil, false
		}
	case known && q.Type == dnsmessage.TypeAAAA && addr.Is6():
		if b.AAAAResource(rh, dnsmessage.AAAAResource{AAAA: addr.As16()}) != nil {
			return nil, false
		}
	}
	msg, err := b.Finish()
	return msg, err == nil
}
