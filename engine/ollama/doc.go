// Package ollama is the engine.Backend that runs models on an Ollama server:
// the user's own (GPU acceleration) or a bigger machine on their network. It
// speaks Ollama's HTTP API through the official client package,
// github.com/ollama/ollama/api, and adds what Hearth needs on top: the
// engine's request and chunk types, model management (pull with progress,
// show, delete), and errors that say in one sentence what went wrong while
// matching the engine's sentinels (ErrBackendDown, ErrModelNotFound,
// ErrOutOfMemory).
//
// The server is named the way Ollama names it: OLLAMA_HOST (see ParseHost),
// or an explicit host from Hearth's settings.
//
// Client version. The api package comes from Ollama v0.17.4, the newest on
// the module proxy when this was written, while the tests run against an
// Ollama v0.6.5 server. The newer client keeps the HTTP status of errors
// reported in a stream (so a missing model is recognised by its 404, not by
// the wording of the message) and passes full JSON schemas of tools through
// (nested items, anyOf), which newer servers use; the protocol it speaks is
// the one v0.6.5 serves, and the tests prove the pair works. Neither version
// reports a stream cut short: the client stops reading and returns no error,
// so Generate itself treats a stream that ends without its final "done"
// message as the server going away.
package ollama
