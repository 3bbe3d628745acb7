// Package ingest turns the user's files into text chunks for the document
// library: one file per format reads a file's text with the places it came
// from (page, heading path, character range), the chunker cuts that text
// into pieces of about the size an embedding model reads, and the ignore
// rules (.hearthignore, in gitignore syntax, and sensible defaults) say
// which files a folder walk skips.
//
// Every file ends with an Outcome the user can see: indexed, skipped (and
// why), failed (and why, in one sentence), or no text layer (a scan).
// Nothing is dropped silently. Files are untrusted input: each parser reads
// with bounded memory whatever the file's size, and fails in one sentence,
// never a panic.
//
// The package knows nothing of the store: it yields Chunks, and the
// document library in memory seals and indexes them.
package ingest
