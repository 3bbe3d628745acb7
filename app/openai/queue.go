package openai

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
)

// errBusy reports a full queue.
var errBusy = errors.New("openai: the queue is full")

// queue lets a few requests use the backend at once and keeps a bounded
// number of others waiting, in no particular order. A waiting request whose
// client goes away leaves the queue without running.
type queue struct {
	slots    chan struct{}
	waiting  atomic.Int64
	maxQueue int64
}

func newQueue(running, waiting int) *queue {
	return &queue{slots: make(chan struct{}, running), maxQueue: int64(waiting)}
}

// enter waits for a turn and returns the function that ends it. It fails
// with errBusy when too many requests wait already, or with ctx's error
// when the request is cancelled (its client went away) while it waits.
func (q *queue) enter(ctx context.Context) (leave func(), err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	select {
	case q.slots <- struct{}{}:
		return q.leave, nil
	default:
	}
	if q.waiting.Add(1) > q.maxQueue {
		q.waiting.Add(-1)
		return nil, errBusy
	}
	defer q.waiting.Add(-1)
	select {
	case q.slots <- struct{}{}:
		if ctx.Err() != nil { // both were ready: the client left, do not run
			q.leave()
			return nil, ctx.Err()
		}
		return q.leave, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (q *queue) leave() { <-q.slots }

// turn waits for the request's turn on the backend and returns the
// function that ends it. A full queue is answered 503; a request whose
// client went away while it waited is dropped without an answer, and one
// whose turn comes after Hearth locked is answered 423.
func (s *Server) turn(w http.ResponseWriter, r *http.Request) (func(), bool) {
	leave, err := s.queue.enter(r.Context())
	switch {
	case err == nil && s.locked(w):
		leave()
	case err == nil:
		return leave, true
	case err == errBusy:
		w.Header().Set("Retry-After", "5")
		writeError(w, http.StatusServiceUnavailable, "server_error", "server_busy",
			"Hearth is busy with other requests; try again shortly.")
	default:
		s.log.Info("request dropped: its client went away while it waited", "path", r.URL.Path)
	}
	return nil, false
}
