package download

import "errors"

// Errors callers test for with errors.Is.
var (
	// ErrNotFound: the server has no file at the URL (HTTP 404 or 410).
	ErrNotFound = errors.New("no file at this URL")
	// ErrServer: the server answered with an error status.
	ErrServer = errors.New("the server failed")
	// ErrNotGGUF: what the server sent is not a GGUF file (an HTML page, say).
	ErrNotGGUF = errors.New("not a GGUF model file")
	// ErrChecksum: the file's SHA-256 is not the expected one.
	ErrChecksum = errors.New("checksum mismatch")
	// ErrSize: the file's size is not the expected one.
	ErrSize = errors.New("size mismatch")
	// ErrNoSpace: the destination's file system has not enough free space.
	ErrNoSpace = errors.New("not enough free disk space")
	// ErrBusy: another download of the same destination is running.
	ErrBusy = errors.New("another download of this file is in progress")
	// ErrInsecure: a download that must use https was sent, or redirected,
	// to a plain http URL.
	ErrInsecure = errors.New("not a secure (https) download")
	// ErrInterrupted: the connection broke before the end; running the same
	// download again resumes it.
	ErrInterrupted = errors.New("download interrupted")
)
