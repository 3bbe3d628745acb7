package host

import "errors"

// Sentinel errors that callers test with errors.Is. The errors a Plugin
// returns wrap them in one sentence that names the plugin.
var (
	// ErrPermissionDenied is a host-function call the user did not grant.
	// The plugin sees it as the code permission_denied; a Services method
	// may return it (or wrap it) to refuse one request the same way.
	ErrPermissionDenied = errors.New("the plugin is not allowed to do that")
	// ErrTimeout is a call that ran past the plugin's time limit.
	ErrTimeout = errors.New("the plugin did not answer in time and was stopped")
	// ErrMemoryLimit is a plugin that asked for more memory than its limit.
	ErrMemoryLimit = errors.New("the plugin ran out of its memory limit")
	// ErrOutputTooLarge is an answer longer than the plugin's output limit.
	ErrOutputTooLarge = errors.New("the plugin's answer is too large")
	// ErrBadModule is a module that does not follow the plugin ABI.
	ErrBadModule = errors.New("the plugin's module is not a valid Hearth plugin")
	// ErrCrashed is a plugin that trapped, exited or answered something
	// that is not a response.
	ErrCrashed = errors.New("the plugin failed")
	// ErrInvalidCall is a call the host refuses before it reaches the
	// plugin, such as arguments over 1 MiB.
	ErrInvalidCall = errors.New("the call to the plugin is not valid")
	// ErrClosed is a call to a plugin or host that was closed.
	ErrClosed = errors.New("the plugin was closed")
)

// failure is an error with one sentence for the user that still matches
// its sentinel with errors.Is. The technical cause, if any, is kept for
// logs behind Cause and is never part of the sentence.
type failure struct {
	sentinel error
	sentence string
	cause    error
}

func (f *failure) Error() string { return f.sentence }

func (f *failure) Unwrap() error { return f.sentinel }

// Cause returns the technical reason behind the sentence, for logs.
func (f *failure) Cause() error { return f.cause }

func fail(sentinel error, cause error, sentence string) error {
	return &failure{sentinel: sentinel, sentence: sentence, cause: cause}
}
