package app

import "github.com/hearth-app/hearth/engine/library"

// isEmbeddingEntry reports whether a library entry is an embedding model.
func isEmbeddingEntry(e library.Entry) bool { return e.IsEmbedding() }

// entryKind is "embedding" or "chat", as the models list shows it.
func entryKind(e library.Entry) string {
	if isEmbeddingEntry(e) {
		return "embedding"
	}
	return "chat"
}
