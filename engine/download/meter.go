package download

import "time"

// meter turns bytes received into Progress reports, at most every interval,
// with a speed smoothed over the last seconds.
type meter struct {
	report   func(Progress)
	interval time.Duration
	p        Progress
	start    time.Time // of this attempt
	lastAt   time.Time // of the last speed sample
	lastDone int64
}

func newMeter(report func(Progress), done, total int64) *meter {
	now := time.Now()
	return &meter{
		report:   report,
		interval: 200 * time.Millisecond,
		p:        Progress{Done: done, Total: total, Resumed: done},
		start:    now,
		lastAt:   now,
		lastDone: done,
	}
}

// add records n more bytes and reports when the interval has passed.
func (m *meter) add(n int64) {
	m.p.Done += n
	if now := time.Now(); now.Sub(m.lastAt) >= m.interval {
		m.sample(now)
		m.emit()
	}
}

// sample updates the smoothed speed and the time left.
func (m *meter) sample(now time.Time) {
	dt := now.Sub(m.lastAt).Seconds()
	if dt <= 0 {
		return
	}
	inst := float64(m.p.Done-m.lastDone) / dt
	if m.p.Speed == 0 {
		m.p.Speed = inst
	} else {
		const alpha = 0.3 // weight of the newest sample
		m.p.Speed = alpha*inst + (1-alpha)*m.p.Speed
	}
	m.lastAt, m.lastDone = now, m.p.Done
	m.p.ETA = 0
	if m.p.Total > m.p.Done && m.p.Speed > 0 {
		m.p.ETA = time.Duration(float64(m.p.Total-m.p.Done) / m.p.Speed * float64(time.Second))
	}
}

// finish reports the final state: the average speed of this attempt, no time
// left.
func (m *meter) finish() {
	if secs := time.Since(m.start).Seconds(); secs > 0 {
		m.p.Speed = float64(m.p.Done-m.p.Resumed) / secs
	}
	m.p.ETA = 0
	m.emit()
}

func (m *meter) emit() {
	if m.report != nil {
		m.report(m.p)
	}
}

// countingWriter feeds a meter.
type countingWriter struct{ m *meter }

func (w countingWriter) Write(b []byte) (int, error) {
	w.m.add(int64(len(b)))
	return len(b), nil
}
