package openai

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
)

// sse writes a stream of server-sent events, one JSON object per event,
// ended by the "[DONE]" event OpenAI clients wait for.
type sse struct {
	w       http.ResponseWriter
	log     *slog.Logger
	flusher http.Flusher
	started bool
}

func newSSE(w http.ResponseWriter, log *slog.Logger) *sse {
	f, _ := w.(http.Flusher)
	return &sse{w: w, log: log, flusher: f}
}

// send writes one event; it fails when the client went away.
func (s *sse) send(v any) error {
	if !s.started {
		h := s.w.Header()
		h.Set("Content-Type", "text/event-stream")
		h.Set("Cache-Control", "no-cache")
		h.Set("X-Accel-Buffering", "no")
		s.w.WriteHeader(http.StatusOK)
		s.started = true
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(s.w, "data: %s\n\n", b); err != nil {
		return err
	}
	if s.flusher != nil {
		s.flusher.Flush()
	}
	return nil
}

// fail reports an error that happened mid-stream as an error event (the
// status line is already sent), or as a plain error answer before it.
func (s *sse) fail(err error) {
	if !s.started {
		backendError(s.w, s.log, err)
		return
	}
	s.log.Warn("backend error mid-stream", "err", err)
	p := publicErrorOf(err)
	s.send(apiError{Error: errorBody{Message: p.msg, Type: p.typ}})
	s.done()
}

// done ends the stream.
func (s *sse) done() {
	fmt.Fprint(s.w, "data: [DONE]\n\n")
	if s.flusher != nil {
		s.flusher.Flush()
	}
}
