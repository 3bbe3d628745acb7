// Package openai serves an OpenAI-compatible HTTP API over any
// engine.Backend, so that tools written for OpenAI's API (editors, scripts,
// the official client libraries) can use the models on this machine:
//
//	GET  /v1/models
//	POST /v1/chat/completions   streaming (SSE) or not, with tools
//	POST /v1/completions        plain text completion of a raw prompt
//	POST /v1/embeddings
//
// The server answers its client and nothing else. Each request passes, in
// order:
//
//   - the Host and Origin check (hostGuard, 403): only requests addressed
//     to the listening address, and none from a web page of another origin,
//     so that DNS rebinding cannot reach it from a browser;
//   - the bearer token Hearth generated for this data directory
//     (LoadOrCreateToken; 401);
//   - Options.Locked (423 while Hearth is locked);
//   - the body limit (413) and the body's read timeout (408);
//   - the model name: only names that Options.Models (or the backend) lists
//     are accepted, never a path, and the answer for anything else is one
//     fixed sentence (404), so it tells nothing about files;
//   - the queue (Limits.Generators running, Limits.MaxQueued waiting, 503
//     beyond); a waiting request whose client goes away is dropped.
//
// Errors from the backend are answered with a fixed sentence per kind of
// failure; their own text, which can name files, goes only to the log.
// Writes have a deadline each rather than one for the whole answer, so a
// long stream lives while its client reads it. Connections are capped
// (Limits.MaxConns; more are answered 503 and closed).
//
// The server listens on the loopback interface unless the user explicitly
// allows another address (CheckAddr); then Host may also be an IP address
// or this machine's name, but never another DNS name.
//
// app wires the package into `hearth serve` and the window; the package
// itself never picks an address, a backend or a token.
package openai
