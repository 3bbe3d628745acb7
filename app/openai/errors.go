package openai

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/hearth-app/hearth/engine"
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

// backendError answers for an error from the backend, with the status that
// says what kind of failure it is.
func backendError(w http.ResponseWriter, err error) {
	status, typ, code := http.StatusInternalServerError, "server_error", ""
	switch {
	case errors.Is(err, engine.ErrModelNotFound):
		status, typ, code = http.StatusNotFound, "invalid_request_error", "model_not_found"
	case errors.Is(err, engine.ErrContextFull):
		status, typ, code = http.StatusBadRequest, "invalid_request_error", "context_length_exceeded"
	case errors.Is(err, engine.ErrUnsupported):
		status, typ = http.StatusBadRequest, "invalid_request_error"
	case errors.Is(err, engine.ErrBackendDown):
		status = http.StatusServiceUnavailable
	case errors.Is(err, engine.ErrOutOfMemory):
		status = http.StatusInsufficientStorage
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		status = 499 // the client went away; nobody reads this answer
	}
	writeError(w, status, typ, code, err.Error())
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
