package mcp

import "sync"

// ringLog keeps the last max bytes written to it: a server's stderr, which
// may be endless.
type ringLog struct {
	mu      sync.Mutex
	max     int
	buf     []byte
	dropped int64
}

func newRingLog(max int) *ringLog { return &ringLog{max: max} }

// Write keeps the tail of p; it never fails, so a chatty server never
// blocks on its stderr.
func (l *ringLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := len(p)
	l.buf = append(l.buf, p...)
	if over := len(l.buf) - l.max; over > 0 {
		l.dropped += int64(over)
		l.buf = append(l.buf[:0], l.buf[over:]...)
	}
	return n, nil
}

// Bytes returns a copy of what is kept.
func (l *ringLog) Bytes() []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]byte(nil), l.buf...)
}
