package registry

import (
	"errors"
	"fmt"
)

// The errors callers test with errors.Is. What a user reads is the one
// sentence of the error returned, which says more than these.
var (
	ErrUnsigned     = errors.New("the registry index is not signed")
	ErrBadSignature = errors.New("the registry index's signature does not match the registry's key")
	ErrBadKey       = errors.New("the registry's public key is not a minisign public key")
	ErrMalformed    = errors.New("the registry index is malformed")
	ErrExpired      = errors.New("the registry index has expired")
	ErrRollback     = errors.New("the registry index is older than the one already seen")
	ErrTooLarge     = errors.New("the registry's answer is too large")
	ErrFetch        = errors.New("the registry cannot be reached")
	ErrURL          = errors.New("the registry URL is not allowed")
)

// registryError is one failure: a sentence for the user, the sentinel it
// matches, and the error underneath if there is one.
type registryError struct {
	kind  error
	msg   string
	cause error
}

func (e *registryError) Error() string        { return e.msg }
func (e *registryError) Is(target error) bool { return target == e.kind }
func (e *registryError) Unwrap() error        { return e.cause }

// fail builds a failure of the given kind.
func fail(kind error, format string, args ...any) error {
	return &registryError{kind: kind, msg: fmt.Sprintf(format, args...)}
}

// failCause builds a failure that keeps the error under it.
func failCause(kind, cause error, format string, args ...any) error {
	return &registryError{kind: kind, msg: fmt.Sprintf(format, args...), cause: cause}
}
