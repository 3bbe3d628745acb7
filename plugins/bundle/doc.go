// Package bundle reads, checks, verifies and writes plugin files: a zip that
// holds plugin.json at its root, an optional minisign signature of it
// (plugin.json.minisig), and the files plugin.json lists with their sha256
// (the .wasm entry among them). The format is written down in
// plugins/FORMAT.md.
//
// A plugin file comes from a stranger. [Read] trusts nothing in the zip's
// headers: it bounds the zip's size, the number of entries, each file's and
// all files' unpacked size and the compression ratio while it unpacks; it
// refuses unsafe names (../, absolute, backslashes, anything but plain
// ASCII), links and other special files, duplicated names (also when case
// is ignored), overlapping entries, files the manifest does not list, listed
// files that are missing, and any hash that does not match.
//
// The signature covers plugin.json exactly as it lies in the zip; since
// plugin.json holds the sha256 of every other file, it covers them all.
// [Bundle.Verify] checks it against the public key the manifest names, in
// either of minisign's formats (legacy "Ed" over the bytes, or "ED" over
// their BLAKE2b-512 hash, minisign's default). Pinning that key at first
// install, so an update cannot bring its own, is the plugin manager's job.
//
// [Pack] builds a reproducible plugin file from a directory and signs it
// with a minisign secret key read by [LoadPrivateKey]; what it writes,
// `minisign -V` accepts.
//
// Every error is one sentence for the user and matches one of the
// exported Err values with errors.Is.
package bundle
