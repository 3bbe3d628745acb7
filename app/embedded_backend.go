package app

import (
	"errors"

	"github.com/hearth-app/hearth/engine"
)

// newEmbeddedBackend returns the in-process engine.
func newEmbeddedBackend() (engine.Backend, error) {
	return nil, errors.New("the embedded engine is not available in this build yet: use --backend ollama")
}
