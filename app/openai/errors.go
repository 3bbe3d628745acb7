package openai

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/toolcall"
)

// apiError is the body of an error answer, as OpenAI writes it.
type apiError struct {
	Error errorBody `json:"error"`
}

type errorBody struct {
	Message string  `json:"message"`
	Type    string  `json:"type"`
	Param   *string `json:"param"`
	Code    *string `json:"code"`
}

// writeError answers with status and an OpenAI-style error.
func writeError(w http.ResponseWriter, status int, typ, code, msg string) {
	body := apiError{Error: errorBody{Message: msg, Type: typ}}
	if code != "" {
		body.Error.Code = &code
	}
	writeJSON(w, status, body)
}

// badRequest answers 400 for a request that cannot be served as written.
func badRequest(w http.ResponseWriter, msg string) {
	writeError(w, http.StatusBadRequest, "invalid_request_error", "", msg)
}

// publicError is what a client is told about a backend failure.
type publicError struct {
	status    int
	typ, code string
	msg       string
}

// publicErrorOf classifies a backend error into a fixed sentence: the
// backend's own message can name files and folders on this machine, so it
// only goes to the log.
func publicErrorOf(err error) publicError {
	invalid := "invalid_request_error"
	switch {
	case errors.Is(err, engine.ErrModelNotFound):
		return publicError{http.StatusNotFound, invalid, "model_not_found", msgUnknownModel}
	case errors.Is(err, engine.ErrContextFull):
		return publicError{http.StatusBadRequest, invalid, "context_length_exceeded", "The request is longer than the model's context window."}
	case errors.Is(err, engine.ErrUnsupported):
		return publicError{http.StatusBadRequest, invalid, "", "This model or backend does not support what the request asks (embeddings, for instance, need an embedding model)."}
	case errors.Is(err, engine.ErrBackendDown):
		return publicError{http.StatusServiceUnavailable, "server_error", "", "The backend Hearth generates with is not running."}
	case errors.Is(err, engine.ErrOutOfMemory):
		return publicError{http.StatusInsufficientStorage, "server_error", "", "The model does not fit in this machine's memory."}
	case errors.Is(err, toolcall.ErrBadSchema):
		return publicError{http.StatusBadRequest, invalid, "", "A tool's parameters are not a valid JSON Schema."}
	case errors.Is(err, toolcall.ErrTruncated), errors.Is(err, toolcall.ErrMalformed),
		errors.Is(err, toolcall.ErrUnknownTool), errors.Is(err, toolcall.ErrInvalidArguments):
		return publicError{http.StatusInternalServerError, "server_error", "", "The model wrote a tool call that was cut off or does not fit the tool's schema."}
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return publicError{499, "server_error", "", "The request was cancelled."} // the client went away; nobody reads this
	}
	return publicError{http.StatusInternalServerError, "server_error", "", "The model failed to answer this request."}
}

// backendError logs err and answers with the status and sentence that say
// what kind of failure it is.
func backendError(w http.ResponseWriter, log *slog.Logger, err error) {
	log.Warn("backend error", "err", err)
	p := publicErrorOf(err)
	writeError(w, p.status, p.typ, p.code, p.msg)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
