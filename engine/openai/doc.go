// Package openai is the engine.Backend that runs models on any server that
// speaks OpenAI's HTTP API: llama-server, vLLM, LM Studio, LocalAI, exo,
// Ollama's /v1, or another Hearth's `hearth serve`. It uses four endpoints:
// /v1/chat/completions (streamed, with tools), /v1/completions (a raw
// prompt, streamed), /v1/embeddings and /v1/models.
//
// # Why net/http and not github.com/openai/openai-go
//
// The official client is in go.mod (the API server's tests use it), but the
// client side here is written on net/http and encoding/json, because the
// server is untrusted and the official client does not bound what it reads:
// its event-stream decoder accepts lines of up to 32 MiB and joins an
// event's data lines without limit, non-streamed answers are read whole, it
// retries on its own, and its errors carry the server's whole answer. Here
// every read is bounded (MaxLine, MaxEvent, the size of each JSON answer,
// the number and size of tool calls), nothing is retried, and every failure
// is one sentence (see Error). The protocol part used is small and stable.
//
// # Network
//
// No proxy: the environment's HTTP_PROXY and HTTPS_PROXY are ignored. The
// person confirmed one server as the place their chats go ("your chats go
// to HOST"); a proxy named in the environment would be a second place that
// reads them, unseen, and on plain http it would read them in the clear.
// Redirects are not followed either, for the same reason: a chat is sent
// only to the address the person set. Connecting is bounded (ConnectTimeout),
// and so is the wait for an answer's headers (Config.HeaderTimeout, minutes,
// since a server may load a big model first; listing models waits
// ListTimeout) and the silence between two events of a stream
// (Config.IdleTimeout).
//
// Plain http is spoken only to this computer and to private networks: with
// an http:// address the dialer refuses, at connect time, any address that
// is not loopback, private (RFC 1918, fc00::/7) or link-local, whatever a
// name resolved to. Asking the person before a chat leaves the computer is
// the caller's job (app confirms once, in a native dialog).
//
// # The API key
//
// The key goes in the Authorization header and nowhere else: it is never
// part of an error, a log line or a URL (an address with user:password@ is
// refused). A server that answers 401 or 403 is reported as "the server at
// HOST refused the API key" (ErrKeyRefused).
package openai
