package docsync

import (
	"context"

	"github.com/hearth-app/hearth/memory/ingest"
)

// Parser reads one file's text as chunks, handing each to emit as it is
// cut, and says what became of the file. It must read with bounded
// memory whatever the file's size, honour ctx, and fail in one sentence.
// ingest.Parser's Parse has this shape; PlainText is a small one for
// plain text and Markdown.
type Parser func(ctx context.Context, path string, emit func(ingest.Chunk) error) ingest.Outcome
