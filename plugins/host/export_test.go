package host

import (
	"context"
	"net"
	"time"
)

// UseDNSServer makes h resolve the names net_fetch connects to with the
// DNS server at addr (a server the test runs on 127.0.0.1), so a test can
// make a granted name resolve to a private address. Tests only.
func UseDNSServer(h *Host, addr string) {
	resolver := &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
		d := net.Dialer{Timeout: 5 * time.Second}
		return d.DialContext(ctx, network, addr)
	}}
	h.fetcher = newFetcher(h.cfg.LoopbackFetchPort, resolver)
}

// LinearMemoryBytes returns the memory of the plugin's idle instances, for
// the benchmarks.
func LinearMemoryBytes(p *Plugin) []uint32 {
	p.pool.mu.Lock()
	defer p.pool.mu.Unlock()
	sizes := make([]uint32, 0, len(p.pool.idle))
	for _, inst := range p.pool.idle {
		sizes = append(sizes, inst.linearMemoryBytes())
	}
	return sizes
}
