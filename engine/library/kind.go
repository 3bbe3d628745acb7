package library

import "github.com/hearth-app/hearth/engine/model"

// IsEmbedding reports whether e is an embedding model: its file said so
// when it was added, or (for entries added before the library recorded
// it) its architecture is an encoder.
func (e Entry) IsEmbedding() bool {
	return e.Embedding || model.IsEncoder(e.Architecture)
}
