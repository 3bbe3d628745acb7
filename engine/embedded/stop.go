package embedded

import "strings"

// stopper finds stop strings in streamed text. Text that could still turn
// out to start a stop string is held back until it cannot.
type stopper struct {
	stops []string
	held  string
}

func newStopper(stops []string) *stopper {
	s := &stopper{}
	for _, x := range stops {
		if x != "" {
			s.stops = append(s.stops, x)
		}
	}
	return s
}

// feed adds text and returns what can be shown now; hit reports a stop
// string, in which case the returned text is all that precedes it and the
// stop string and anything after it are dropped.
func (s *stopper) feed(text string) (out string, hit bool) {
	s.held += text
	if i := s.earliest(); i >= 0 {
		out, s.held = s.held[:i], ""
		return out, true
	}
	keep := s.partial()
	out, s.held = s.held[:len(s.held)-keep], s.held[len(s.held)-keep:]
	return out, false
}

// flush returns the held text (generation ended without a stop string).
func (s *stopper) flush() string {
	out := s.held
	s.held = ""
	return out
}

// earliest returns where the first stop string starts in the held text, or -1.
func (s *stopper) earliest() int {
	best := -1
	for _, x := range s.stops {
		if i := strings.Index(s.held, x); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}

// partial returns the length of the longest end of the held text that is
// the beginning of a stop string.
func (s *stopper) partial() int {
	keep := 0
	for _, x := range s.stops {
		for k := min(len(x)-1, len(s.held)); k > keep; k-- {
			if strings.HasSuffix(s.held, x[:k]) {
				keep = k
				break
			}
		}
	}
	return keep
}
