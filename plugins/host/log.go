package host

import "sync"

// logLimit is how much of a plugin's log is kept: the most recent bytes.
const logLimit = 64 << 10

// boundedLog keeps the last logLimit bytes written to it. The plugin's
// stdout, stderr and hearth.log all write here; it is safe for concurrent
// use by the instances of one plugin.
type boundedLog struct {
	mu  sync.Mutex
	buf []byte
}

// Write appends p, dropping the oldest bytes beyond logLimit. It never
// fails, so a chatty plugin cannot make its own writes error.
func (l *boundedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := len(p)
	if len(p) >= logLimit {
		p = p[len(p)-logLimit:]
		l.buf = l.buf[:0]
	}
	if over := len(l.buf) + len(p) - logLimit; over > 0 {
		l.buf = append(l.buf[:0], l.buf[over:]...)
	}
	l.buf = append(l.buf, p...)
	return n, nil
}

// String returns what is kept.
func (l *boundedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return string(l.buf)
}
