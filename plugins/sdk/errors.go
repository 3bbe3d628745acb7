package sdk

import "errors"

// ErrPermissionDenied matches (with errors.Is) a host call the user did
// not grant.
var ErrPermissionDenied = errors.New("permission denied")

// ErrNotInHost is what host calls return outside Hearth (a test on the
// developer's machine).
var ErrNotInHost = errors.New("not running inside Hearth")

// Error is a failure answered by the host: one of the ABI's codes
// ("permission_denied", "invalid_request", "too_large", "failed") and a
// sentence.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error returns the host's sentence.
func (e *Error) Error() string { return e.Message }

// Is makes errors.Is(err, ErrPermissionDenied) true for permission_denied.
// errors.Is(err, ErrNotInHost) is true for the failure outside Hearth.
func (e *Error) Is(target error) bool {
	return target == ErrPermissionDenied && e.Code == "permission_denied" ||
		target == ErrNotInHost && e.Code == codeNotInHost
}

// codeNotInHost is the code of the failure outside Hearth; the host never
// sends it.
const codeNotInHost = "not_in_host"
