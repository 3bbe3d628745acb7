package memory

import (
	"io"
	"log/slog"
	"time"

	"github.com/hearth-app/hearth/memory/internal/keys"
)

// Option adjusts Create, Open and Restore.
type Option func(*options)

type options struct {
	kdf    keys.Params
	floor  keys.Params
	log    *slog.Logger
	now    func() time.Time
	embed  Embedder
	noSnap bool
	lazy   bool
	spill  uint64 // bytes of index segments a lazy store holds before spilling
}

func newOptions(opts []Option) options {
	o := options{
		kdf:   keys.DefaultParams(),
		floor: keys.FloorParams(),
		log:   slog.New(slog.NewTextHandler(io.Discard, nil)),
		now:   time.Now,
		spill: spillSize,
	}
	for _, f := range opts {
		f(&o)
	}
	return o
}

// WithKDF sets the Argon2id parameters for new passphrase slots. Tests
// pass a cheap set together with WithKDFFloor; production keeps the
// defaults.
func WithKDF(p keys.Params) Option { return func(o *options) { o.kdf = p } }

// WithKDFFloor sets the weakest Argon2id parameters a stored slot may
// carry; slots below it are refused with ErrWeakKDF.
func WithKDFFloor(p keys.Params) Option { return func(o *options) { o.floor = p } }

// WithLogger sets where the store logs. It never logs stored text, only
// ids, counts and errors.
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.log = l } }

// WithClock sets the clock used for timestamps.
func WithClock(now func() time.Time) Option { return func(o *options) { o.now = now } }

// WithEmbedder sets the embedder for vector retrieval: SearchLibrary
// embeds queries with it when it is a ModelEmbedder.
func WithEmbedder(e Embedder) Option { return func(o *options) { o.embed = e } }

// WithoutIndexSnapshot makes the store neither load nor write the sealed
// index snapshot: every unlock rebuilds the index from the rows.
func WithoutIndexSnapshot() Option { return func(o *options) { o.noSnap = true } }

// WithLazyIndex makes unlocking skip loading the search index: it is
// loaded at the first search, or after the first write that changes
// it. A command that may change nothing (a re-scan of an unchanged
// folder) then never pays for loading an index of half a million
// chunks. Damage to the index's sealed rows is then reported by that
// first search or write instead of by Open.
func WithLazyIndex() Option { return func(o *options) { o.lazy = true } }

// WithSpillSize sets how many bytes of index segments a store opened
// WithLazyIndex holds in memory before it saves them and goes on without
// them (indexspill.go); 48 MiB by default. Tests lower it.
func WithSpillSize(n uint64) Option { return func(o *options) { o.spill = n } }
