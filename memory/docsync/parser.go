package docsync

import (
	"context"

	"github.com/hearth-app/hearth/memory/ingest"
)

// Parser reads one file's text as chunks, handing each to emit as it is
// cut, and says what became of the file. It must read with bounded
// memory whatever the file's size, honour ctx, and fail in one sentence.
// It has the shape of the ingest package's parsers, which replace
// PlainText when they land.
type Parser func(ctx context.Context, path string, emit func(ingest.Chunk) error) ingest.Outcome
