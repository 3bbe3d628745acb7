// Package library keeps the user's models: the ones Hearth downloaded, which
// live under <HEARTH_HOME>/models, and the ones the user imported, which are
// used where they lie and never copied. It also discovers GGUF files other
// local AI apps (Ollama, LM Studio, Jan, GPT4All) keep in their default
// folders, so the user can import them with one command.
//
// Where a model lives is user data: the list is persisted through a Store,
// an interface this package defines and app backs with the encrypted store's
// sealed settings. FileStore is a plain-file Store for tests and for the
// command line until that wiring exists.
package library
