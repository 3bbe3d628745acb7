package openai

import (
	"context"
	"errors"
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
