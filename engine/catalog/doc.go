// Package catalog is Hearth's curated list of models worth downloading: small
// GGUF chat models that run well on a laptop's CPU, and embedding models for
// document search. The list is versioned JSON embedded in the binary
// (catalog.json); each entry pins a Hugging Face revision in its URL and
// carries the file's exact size and SHA-256, so a download can be verified
// before it is used. Entries whose size or digest could not be read from a
// public source are left out, never estimated.
//
// Recommend ranks the chat models that fit a machine's memory and cores.
package catalog
