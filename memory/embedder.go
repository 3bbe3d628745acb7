package memory

import "context"

// Embedder turns texts into vectors for semantic retrieval. The engine
// implements it and app passes it in; memory never imports the engine.
// Vectors will be sealed like every other value.
type Embedder interface {
	// Embed returns one vector per text, all of the same dimension.
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// ModelEmbedder is an Embedder that names the model its vectors come
// from and embeds search queries in the model's query form (a model
// trained with prefixes embeds "search_query: …" apart from
// "search_document: …"). The document library's embedding pass and its
// hybrid search take one.
type ModelEmbedder interface {
	Embedder
	// Model returns the model Embed and EmbedQuery use now.
	Model(ctx context.Context) (VectorModel, error)
	// EmbedQuery returns one vector per query.
	EmbedQuery(ctx context.Context, queries []string) ([][]float32, error)
}
