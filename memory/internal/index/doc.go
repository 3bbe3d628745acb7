// Package index is the in-memory full-text index over the store's
// messages and memories: Bleve with the scorch engine, holding no path on
// disk.
//
// Rebuilding an index by analysing every document is slow (about 1,500
// documents a second on two cores), so the index can be written out as a
// Snapshot — its immutable zap segments as bytes plus, per segment, the
// ids deleted from it — and loaded back without any analysis. The caller
// seals the snapshot's bytes before they reach the disk; this package
// never writes a file.
//
// Loading injects each saved segment into a fresh scorch index through a
// segment plugin registered under the type "hearth-zap": it builds new
// segments with zap v16 like scorch's own plugin, but hands back a
// prepared segment when a batch carries only the loader's marker
// document. See RATIONALE.md in package memory.
//
// Scorch merges segments only when it has a directory, so this package
// merges small segments itself: Compact re-indexes the live documents of
// the smallest segments as one batch.
package index
