package mcp

import "time"

// Options bound what a server may cost. Zero fields take the defaults.
type Options struct {
	// IdleTimeout stops a server this long after its last use (5 minutes).
	IdleTimeout time.Duration
	// StartTimeout bounds starting a server and its handshake (30 seconds).
	StartTimeout time.Duration
	// MaxMessage is the largest message a server may send, in bytes (8 MiB);
	// a larger one ends the session with one clear error.
	MaxMessage int
	// MaxResult is the most text of a result kept for the model (256 KiB).
	MaxResult int
	// MaxLog is how much of a server's stderr is kept (64 KiB).
	MaxLog int
	// MaxNotificationsPerSecond stops a server that sends more notifications
	// and requests a second (1000).
	MaxNotificationsPerSecond int
	// Elicit shows a server's request for information to the user; nil
	// declines every request (the capability is not even advertised).
	Elicit Elicitor
}

// withDefaults fills the zero fields.
func (o Options) withDefaults() Options {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = 5 * time.Minute
	}
	if o.StartTimeout <= 0 {
		o.StartTimeout = 30 * time.Second
	}
	def(&o.MaxMessage, 8<<20)
	def(&o.MaxResult, 256<<10)
	def(&o.MaxLog, 64<<10)
	def(&o.MaxNotificationsPerSecond, 1000)
	return o
}
