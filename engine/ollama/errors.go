package ollama

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"syscall"

	"github.com/ollama/ollama/api"

	"github.com/hearth-app/hearth/engine"
)

// Error is a failure talking to Ollama. Its message is one sentence for the
// user; errors.Is matches Kind (an engine sentinel, when one applies) and the
// underlying error.
type Error struct {
	Msg  string // what went wrong, in one sentence
	Kind error  // engine.ErrBackendDown, engine.ErrModelNotFound, engine.ErrOutOfMemory, or nil
	Err  error  // the cause, for the log
}

// Error returns the sentence.
func (e *Error) Error() string { return e.Msg }

// Unwrap returns the kind and the cause.
func (e *Error) Unwrap() []error {
	var errs []error
	for _, err := range []error{e.Kind, e.Err} {
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// classify turns an error from the api client into an *Error for an operation
// on model (which may be empty). A cancelled ctx wins over everything: the
// caller then gets ctx.Err() itself.
func (b *Backend) classify(ctx context.Context, model string, err error) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if se, ok := errors.AsType[api.StatusError](err); ok {
		return b.statusError(model, se)
	}
	if isUnreachable(err) {
		return b.downError(err)
	}
	return b.messageError(model, err.Error(), err)
}

// downError reports a server that cannot be reached.
func (b *Backend) downError(err error) error {
	if errors.Is(err, syscall.ECONNREFUSED) {
		return &Error{Msg: fmt.Sprintf("Ollama is not running at %s", b.host), Kind: engine.ErrBackendDown, Err: err}
	}
	return &Error{Msg: fmt.Sprintf("cannot reach Ollama at %s: %s", b.host, causeText(err)), Kind: engine.ErrBackendDown, Err: err}
}

// statusError maps an HTTP error answer from the server.
func (b *Backend) statusError(model string, se api.StatusError) error {
	if se.StatusCode == http.StatusNotFound && model != "" {
		return b.notFound(model, se)
	}
	msg := se.ErrorMessage
	if msg == "" {
		msg = se.Status
	}
	return b.messageError(model, msg, se)
}

// messageError maps an error Ollama reported in words (a stream can report
// one without a status code).
func (b *Backend) messageError(model, msg string, err error) error {
	low := strings.ToLower(msg)
	switch {
	case model != "" && strings.Contains(low, "not found"):
		return b.notFound(model, err)
	case isOutOfMemory(low):
		return &Error{Msg: fmt.Sprintf("Ollama has not enough memory for %s: %s", model, msg), Kind: engine.ErrOutOfMemory, Err: err}
	}
	return &Error{Msg: fmt.Sprintf("Ollama at %s: %s", b.host, msg), Err: err}
}

func (b *Backend) notFound(model string, err error) error {
	return &Error{
		Msg:  fmt.Sprintf("Ollama at %s has no model %q (ollama pull %s)", b.host, model, model),
		Kind: engine.ErrModelNotFound,
		Err:  err,
	}
}

// isOutOfMemory recognises the ways Ollama and llama.cpp say memory ran out.
func isOutOfMemory(low string) bool {
	for _, s := range []string{"requires more system memory", "out of memory", "insufficient memory", "not enough memory", "cudamalloc failed", "unable to allocate"} {
		if strings.Contains(low, s) {
			return true
		}
	}
	return false
}

// isUnreachable reports errors of the connection itself: refused, reset,
// unknown host, timeouts, a server that closed the connection.
func isUnreachable(err error) bool {
	var ne net.Error
	var dns *net.DNSError
	var op *net.OpError
	return errors.As(err, &ne) || errors.As(err, &dns) || errors.As(err, &op) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		strings.Contains(err.Error(), "EOF")
}

// causeText is the innermost useful text of a network error.
func causeText(err error) string {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		return op.Err.Error()
	}
	return err.Error()
}
