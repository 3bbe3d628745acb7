// Package docsync keeps the document library in step with the user's
// folders: it walks a folder, decides by size, modification time and
// content hash which files to read again, reads them in parallel with a
// bounded pool of workers, and commits each file's chunks to the store
// in one transaction, so an interrupted run resumes where it stopped and
// indexes nothing twice. Moves keep their chunks; deleted files leave the
// library. A Watcher does the same for the changes it is told of.
//
// Every file ends with a status the user can see (ingest.Outcome), and a
// bad file, an unreadable folder or a link loop never stops a run.
package docsync
