package openai

import (
	"context"
	"log/slog"
	"time"
)

// Options configures a Server beyond its backend and token. The zero value
// is usable: every limit left at zero takes its default.
type Options struct {
	// Log receives one line per request and the details of failures that
	// the answers leave out. Nil discards them.
	Log *slog.Logger
	// Models lists the model names requests may ask for, as GET /v1/models
	// shows them. A request naming anything else (a file path above all)
	// is refused before the backend sees it. Nil lists the backend's models.
	Models func(ctx context.Context) ([]string, error)
	// Locked, when set, is asked before each authorised request; while it
	// reports true every request is answered 423 Locked.
	Locked func() bool
	// Limits bounds what one client can make the server hold.
	Limits Limits
}

// Limits bounds the resources requests can hold. Zero fields take the
// defaults in DefaultLimits.
type Limits struct {
	// MaxBody is the largest request body, in bytes; larger ones get 413.
	MaxBody int64
	// HeaderTimeout bounds reading a request's headers, ReadTimeout
	// reading its body.
	HeaderTimeout, ReadTimeout time.Duration
	// WriteTimeout bounds each write to the client, not the whole answer,
	// so that a long streamed answer lives as long as the client reads it
	// while a client that stops reading is dropped.
	WriteTimeout time.Duration
	// IdleTimeout closes a kept-alive connection that sends nothing.
	IdleTimeout time.Duration
	// MaxConns caps the open connections; more are answered 503 and closed.
	MaxConns int
	// Generators is how many requests run on the backend at once, and
	// MaxQueued how many more may wait for their turn (503 beyond).
	Generators, MaxQueued int
}

// DefaultLimits are the limits `hearth serve` and the window use.
var DefaultLimits = Limits{
	MaxBody:       16 << 20,
	HeaderTimeout: 10 * time.Second,
	ReadTimeout:   60 * time.Second,
	WriteTimeout:  60 * time.Second,
	IdleTimeout:   2 * time.Minute,
	MaxConns:      32,
	Generators:    1,
	MaxQueued:     16,
}

// withDefaults fills the zero fields of l from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	orDefault(&l.MaxBody, d.MaxBody)
	orDefault(&l.HeaderTimeout, d.HeaderTimeout)
	orDefault(&l.ReadTimeout, d.ReadTimeout)
	orDefault(&l.WriteTimeout, d.WriteTimeout)
	orDefault(&l.IdleTimeout, d.IdleTimeout)
	orDefault(&l.MaxConns, d.MaxConns)
	orDefault(&l.Generators, d.Generators)
	orDefault(&l.MaxQueued, d.MaxQueued)
	return l
}

// orDefault sets *v to def when it is not positive.
func orDefault[T int | int64 | time.Duration](v *T, def T) {
	if *v <= 0 {
		*v = def
	}
}
