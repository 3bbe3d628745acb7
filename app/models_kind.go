package app

import (
	"github.com/hearth-app/hearth/engine/library"
	"github.com/hearth-app/hearth/engine/model"
)

// isEmbeddingEntry reports whether a library entry is an embedding model:
// its file said so when it was added, or (for entries added before Hearth
// recorded it) its architecture is an encoder.
func isEmbeddingEntry(e library.Entry) bool {
	return e.Embedding || model.IsEncoder(e.Architecture)
}

// entryKind is "embedding" or "chat", as the models list shows it.
func entryKind(e library.Entry) string {
	if isEmbeddingEntry(e) {
		return "embedding"
	}
	return "chat"
}
