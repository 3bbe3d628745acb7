package bundle

import (
	"errors"
	"fmt"
)

// The errors callers test with errors.Is. What a user reads is the one
// sentence of the error returned, which says more than these.
var (
	ErrTooLarge      = errors.New("the plugin is too large")
	ErrCompression   = errors.New("the plugin's zip compresses too well to be trusted")
	ErrTooManyFiles  = errors.New("the plugin holds too many files")
	ErrCorrupt       = errors.New("the plugin file is not a readable zip archive")
	ErrUnsafePath    = errors.New("the plugin holds a file with an unsafe name")
	ErrNotRegular    = errors.New("the plugin holds a link or another special file")
	ErrDuplicate     = errors.New("the plugin holds the same file twice")
	ErrNoManifest    = errors.New("the plugin has no plugin.json at its root")
	ErrManifest      = errors.New("the plugin's manifest is not valid")
	ErrUnlisted      = errors.New("the plugin holds a file its manifest does not list")
	ErrMissingFile   = errors.New("the plugin lacks a file its manifest lists")
	ErrHashMismatch  = errors.New("a file of the plugin does not match its manifest")
	ErrUnsigned      = errors.New("the plugin is not signed")
	ErrBadSignature  = errors.New("the plugin's signature does not match its author's key")
	ErrBadKey        = errors.New("the file is not a minisign secret key")
	ErrWrongPassword = errors.New("the password does not open this minisign key")
)

// bundleError is one failure: a sentence for the user, the sentinel it
// matches, and the error underneath if there is one.
type bundleError struct {
	kind  error
	msg   string
	cause error
}

func (e *bundleError) Error() string        { return e.msg }
func (e *bundleError) Is(target error) bool { return target == e.kind }
func (e *bundleError) Unwrap() error        { return e.cause }

// fail builds a failure of the given kind.
func fail(kind error, format string, args ...any) error {
	return &bundleError{kind: kind, msg: fmt.Sprintf(format, args...)}
}

// failCause builds a failure of the given kind that keeps the error under it
// for errors.Is (the manifest's ErrInvalid, for one).
func failCause(kind, cause error, format string, args ...any) error {
	return &bundleError{kind: kind, msg: fmt.Sprintf(format, args...), cause: cause}
}

// clip shortens a name quoted in an error.
func clip(s string) string {
	const max = 80
	if len(s) <= max {
		return s
	}
	return s[:max] + "…"
}
