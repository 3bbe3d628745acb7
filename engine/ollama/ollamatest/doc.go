// Package ollamatest runs a real Ollama server for tests: on a free loopback
// port, with its own HOME and model directory, so a test never touches the
// user's Ollama nor the network. It is imported by tests only.
//
// The server binary comes from HEARTH_OLLAMA_BIN (set by `make test`), or
// from the repository's .cache/ollama-v0.6.5/ollama (`make ollama`). Without
// one, tests that need it skip, unless HEARTH_REQUIRE_REFERENCE is set, in
// which case they fail.
package ollamatest
