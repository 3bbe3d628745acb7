// Package registry reads the plugin registry's index: a signed JSON file
// (index.json, with its minisign signature index.json.minisig beside it)
// that lists plugins, their authors' keys and their versions with the URL,
// size and sha256 of each plugin file, and marks versions yanked (not
// offered) or revoked (to be disabled where installed).
//
// [Verify] fails closed. It checks the signature with the registry key the
// app trusts before it parses a byte, then refuses an index that is
// malformed (unknown or duplicated fields included), expired, older than
// the last one accepted (a lower serial), or different from it under the
// same serial. [Trust.Advance] gives what to keep for the next refresh.
//
// [Fetch] downloads the index and its signature over https (or plain http
// from 127.0.0.1, for tests and local mirrors), bounded in size, and
// follows redirects only to such URLs.
//
// The format is written down in plugins/FORMAT.md.
package registry
