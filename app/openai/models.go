package openai

import (
	"context"
	"net/http"
	"strings"
)

// msgUnknownModel is the one answer for a model Hearth does not serve. It
// is the same whatever the client sent, so that naming a file tells
// nothing about whether it exists or what it is.
const msgUnknownModel = "The requested model is not one Hearth serves; GET /v1/models lists those it does."

// modelNames returns the names requests may use: Options.Models, or the
// backend's list.
func (s *Server) modelNames(ctx context.Context) ([]string, error) {
	if s.opts.Models != nil {
		return s.opts.Models(ctx)
	}
	list, err := s.backend.List(ctx)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(list))
	for i, m := range list {
		names[i] = m.Name
	}
	return names, nil
}

// model returns the listed name that a request's model field names (case
// aside, and with Ollama's implicit ":latest"). Anything else, a path
// above all, is answered 404 and never reaches the backend.
func (s *Server) model(w http.ResponseWriter, r *http.Request, asked string) (string, bool) {
	names, err := s.modelNames(r.Context())
	if err != nil {
		backendError(w, s.log, err)
		return "", false
	}
	for _, n := range names {
		if strings.EqualFold(n, asked) || strings.EqualFold(n, asked+":latest") {
			return n, true
		}
	}
	writeError(w, http.StatusNotFound, "invalid_request_error", "model_not_found", msgUnknownModel)
	return "", false
}

// models serves GET /v1/models: the names requests accept.
func (s *Server) models(w http.ResponseWriter, r *http.Request) {
	names, err := s.modelNames(r.Context())
	if err != nil {
		backendError(w, s.log, err)
		return
	}
	type model struct {
		ID      string `json:"id"`
		Object  string `json:"object"`
		Created int64  `json:"created"`
		OwnedBy string `json:"owned_by"`
	}
	data := make([]model, 0, len(names))
	for _, n := range names {
		data = append(data, model{ID: n, Object: "model", OwnedBy: "hearth-" + s.backend.Name()})
	}
	writeJSON(w, http.StatusOK, map[string]any{"object": "list", "data": data})
}
