package host

import "sync"

// logLimit is how much of a plugin's log is kept: the most recent bytes.
const logLimit = 64 << 10

// boundedLog keeps the last logLimit bytes written to it, in a ring. The
// plugin's stdout, stderr and hearth.log all write here; it is safe for
// concurrent use by the instances of one plugin.
type boundedLog struct {
	mu    sync.Mutex
	ring  []byte // allocated on the first write
	next  int    // where the next byte goes
	count int    // bytes held, at most logLimit
}

// Write appends p, dropping the oldest bytes beyond logLimit. It never
// fails, so a chatty plugin cannot make its own writes error.
func (l *boundedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := len(p)
	if l.ring == nil {
		l.ring = make([]byte, logLimit)
	}
	if len(p) > logLimit {
		p = p[len(p)-logLimit:]
	}
	for len(p) > 0 {
		c := copy(l.ring[l.next:], p)
		p = p[c:]
		l.next = (l.next + c) % logLimit
		l.count = min(l.count+c, logLimit)
	}
	return n, nil
}

// String returns what is kept, oldest first.
func (l *boundedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	start := (l.next - l.count + logLimit) % logLimit
	if start+l.count <= logLimit {
		return string(l.ring[start : start+l.count])
	}
	return string(l.ring[start:]) + string(l.ring[:l.next])
}
