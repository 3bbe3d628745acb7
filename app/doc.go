// Package app is Hearth's composition root: it wires the engine, the
// encrypted memory store and the tools (plugins: the tool registry and the
// MCP client) together, binds the services the desktop window calls, and
// implements the headless command line. It is the only package that imports
// Wails; the core packages (engine, memory, plugins) never do, so they build
// and test without cgo or a display.
//
// It talks to the engine through the engine.Backend contract and a few entry
// points: embedded (the backend, HasChatTemplate, TokenizeFile, ContextFor), bench (the
// measurement behind `hearth bench`), library, catalog, download and ollama.
// It does not drive gguf, model, kernel, sample or tokenizer itself; a new
// need for them is a new entry point in engine, not an import here.
//
// The cobra commands (cmd_*.go) stay in this package, beside the bound
// services, on purpose. The commands and the window are two front ends over
// the same wiring: opening and unlocking the store (openStore, withStore),
// the sealed settings, the model library and its directory, the backend a
// model runs on and the generation defaults. A separate cli package would
// have to import that wiring from here, so app would export its internals as
// an API used by one caller, or the wiring would move to a third package and
// both front ends would depend on it; either adds a layer without removing a
// dependency. The cmd_ prefix keeps the commands together, each command in
// its own file with its test beside it. Revisit when the commands no longer
// share the services' wiring, or when the plugin and document commands make
// the file list hard to read: then split the wiring into its own package
// first, and the commands and services become its two clients.
package app
