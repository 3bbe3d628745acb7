package memory

import "context"

// Embedder turns texts into vectors for semantic retrieval. The engine
// implements it and app passes it in; memory never imports the engine.
// Vectors will be sealed like every other value.
type Embedder interface {
	// Embed returns one vector per text, all of the same dimension.
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}
