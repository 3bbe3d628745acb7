// Package openai serves an OpenAI-compatible HTTP API over any
// engine.Backend, so that tools written for OpenAI's API (editors, scripts,
// the official client libraries) can use the models on this machine:
//
//	GET  /v1/models
//	POST /v1/chat/completions   streaming (SSE) or not, with tools
//	POST /v1/completions        plain text completion of a raw prompt
//	POST /v1/embeddings
//
// Every request must carry the bearer token Hearth generated for this data
// directory (LoadOrCreateToken); a missing or wrong one is answered 401 with
// an OpenAI-style error. The server listens on the loopback interface unless
// the user explicitly allows another address (CheckAddr).
//
// app wires the package into `hearth serve`; the package itself never picks
// an address, a backend or a token.
package openai
