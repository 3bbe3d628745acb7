// Package download fetches model files over HTTP(S), resumably and verified.
//
// A download goes to "<dest>.partial" beside its destination, with a small
// sidecar "<dest>.partial.json" recording the URL, the server's validator
// (a strong ETag or Last-Modified) and the expected size. Run again after an
// interruption, it resumes with an HTTP Range request, but only when the
// server answers 206 for the right offset and the validator still matches;
// otherwise it starts over. The file is hashed as it arrives (the bytes kept
// from before are hashed first), its SHA-256 compared with the expected one,
// and only then renamed to its final name: a partial or unverified file is
// never at the destination.
//
// The expected SHA-256 comes from the caller (the catalog, or --sha256), or,
// when the caller has none, from the server: Hugging Face reports the Git LFS
// object id, which is the file's SHA-256, in the X-Linked-Etag header of its
// redirect (and in the ETag of the resolve URL). Only a digest the caller
// pinned makes a download Verified; one the server reported about its own
// file catches a broken transfer, not a dishonest server, and is reported as
// ServerDigest. With neither, the file is checked for size and format only,
// and its digest is returned for the caller to record.
//
// What is received is capped even when the server sends no Content-Length:
// at the pinned size, else at MaxSize (DefaultMaxSize), and at the free
// space when the size is unknown. A request can demand https for every URL
// it follows, redirects included (catalog downloads do).
//
// Before writing, the free space of the destination's file system is checked
// (statfs; injectable for tests). The first bytes must be the GGUF magic, so
// an HTML page served instead of a model (a /blob/ link, a login page) is
// refused at once. Two downloads of the same destination never run at the
// same time: the partial file is locked (flock, or LockFileEx on Windows), so
// a second one is refused with ErrBusy, across processes too.
//
// Nothing here touches the network unless asked to download.
package download
