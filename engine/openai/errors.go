package openai

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"unicode"

	"github.com/hearth-app/hearth/engine"
)

// ErrKeyRefused matches a server that refused the API key (HTTP 401 or 403).
var ErrKeyRefused = errors.New("the server refused the API key")

// Error is a failure talking to a server. Its message is one sentence for
// the user, and never holds the API key; errors.Is matches Kind (an engine
// sentinel or ErrKeyRefused, when one applies) and the underlying error.
type Error struct {
	Msg  string // what went wrong, in one sentence
	Kind error  // engine.ErrBackendDown, engine.ErrModelNotFound, ErrKeyRefused... or nil
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

// fail builds an *Error about the server: "the server at HOST " + what.
func (b *Backend) fail(kind, cause error, format string, args ...any) error {
	return &Error{Msg: "the server at " + b.Host() + " " + fmt.Sprintf(format, args...), Kind: kind, Err: cause}
}

// transportError classifies a failure to get an answer. A cancelled ctx
// wins over everything: the caller then gets ctx.Err() itself.
func (b *Backend) transportError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var pe *publicAddrError
	switch {
	case errors.As(err, &pe):
		return &Error{Msg: fmt.Sprintf("%s is at a public address (%s), and Hearth speaks plain http only to this computer and private networks: use https", b.Host(), pe.ip), Err: err}
	case errors.Is(err, errHeaderTimeout):
		return b.fail(engine.ErrBackendDown, err, "did not answer in time")
	case errors.Is(err, errIdleTimeout):
		return b.fail(engine.ErrBackendDown, err, "went silent in the middle of the answer")
	case errors.Is(err, syscall.ECONNREFUSED):
		return &Error{Msg: "nothing answers at " + b.Host() + ": is the server running?", Kind: engine.ErrBackendDown, Err: err}
	}
	return &Error{Msg: "cannot reach the server at " + b.Host() + ": " + causeText(err), Kind: engine.ErrBackendDown, Err: err}
}

// causeText is the innermost useful text of a network error, on one line.
// It comes from the network stack, never from the request, so it cannot
// hold the key.
func causeText(err error) string {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		err = op.Err
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return "no such host " + dns.Name
	}
	return oneLine(err.Error(), 200)
}

// redact takes the key out of text from the server: a server may echo
// what it was sent in its error messages.
func (b *Backend) redact(s string) string {
	if b.key == "" {
		return s
	}
	return strings.ReplaceAll(s, b.key, "[API key]")
}

// maxErrorBody bounds what is read of an error answer.
const maxErrorBody = 64 << 10

// statusError reads a non-2xx answer and classifies it; model may be "".
func (b *Backend) statusError(resp *http.Response, model string) error {
	msg := b.redact(serverMessage(io.LimitReader(resp.Body, maxErrorBody)))
	cause := fmt.Errorf("HTTP %s: %s", resp.Status, msg)
	low := strings.ToLower(msg)
	switch {
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return b.fail(ErrKeyRefused, cause, "refused the API key")
	case resp.StatusCode >= 300 && resp.StatusCode < 400:
		return b.fail(nil, cause, "redirects elsewhere (HTTP %d); set the address it redirects to instead", resp.StatusCode)
	case model != "" && (resp.StatusCode == http.StatusNotFound || strings.Contains(low, "not found") || strings.Contains(low, "does not exist")) && strings.Contains(low, "model"):
		return b.fail(engine.ErrModelNotFound, cause, "has no model %q", oneLine(model, 100))
	case resp.StatusCode == http.StatusNotFound:
		return b.fail(engine.ErrUnsupported, cause, "does not offer %s (is the address right?)", resp.Request.URL.Path)
	case isOutOfMemory(low):
		return b.fail(engine.ErrOutOfMemory, cause, "has not enough memory for %s: %s", oneLine(model, 100), msg)
	case strings.Contains(low, "context length") || strings.Contains(low, "context window") || strings.Contains(low, "maximum context"):
		return b.fail(engine.ErrContextFull, cause, "says the prompt does not fit the model's context: %s", msg)
	case msg == "":
		return b.fail(nil, cause, "answered %s", resp.Status)
	}
	return b.fail(nil, cause, "answered %d: %s", resp.StatusCode, msg)
}

// serverMessage pulls the message out of an error answer, in OpenAI's shape
// ({"error":{"message":...}}), the shape some servers use
// ({"error":"..."}, {"message":"..."}), or as plain text; on one line and
// short, since it is untrusted text shown to the user.
func serverMessage(r io.Reader) string {
	raw, _ := io.ReadAll(r)
	var body struct {
		Error   json.RawMessage `json:"error"`
		Message string          `json:"message"`
		Detail  string          `json:"detail"`
	}
	if json.Unmarshal(raw, &body) != nil {
		return oneLine(string(raw), 200)
	}
	var nested struct {
		Message string `json:"message"`
	}
	var flat string
	switch {
	case json.Unmarshal(body.Error, &nested) == nil && nested.Message != "":
		return oneLine(nested.Message, 200)
	case json.Unmarshal(body.Error, &flat) == nil && flat != "":
		return oneLine(flat, 200)
	case body.Message != "":
		return oneLine(body.Message, 200)
	}
	return oneLine(body.Detail, 200)
}

// oneLine makes untrusted text fit in a sentence: control characters become
// spaces, runs of space collapse, and it is cut at max runes.
func oneLine(s string, max int) string {
	var sb strings.Builder
	n, space := 0, false
	for _, r := range s {
		if unicode.IsControl(r) || unicode.IsSpace(r) || r == unicode.ReplacementChar {
			space = sb.Len() > 0
			continue
		}
		if n >= max {
			sb.WriteString("…")
			break
		}
		if space {
			sb.WriteByte(' ')
			space = false
			n++
		}
		sb.WriteRune(r)
		n++
	}
	return strings.TrimSuffix(sb.String(), ".")
}

// isOutOfMemory recognises the ways servers say memory ran out.
func isOutOfMemory(low string) bool {
	for _, s := range []string{"out of memory", "insufficient memory", "not enough memory", "requires more system memory", "cudamalloc failed", "unable to allocate"} {
		if strings.Contains(low, s) {
			return true
		}
	}
	return false
}
