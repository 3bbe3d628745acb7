package openai

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/hearth-app/hearth/engine"
)

// completionRequest is the body of POST /v1/completions.
type completionRequest struct {
	Model         string          `json:"model"`
	Prompt        json.RawMessage `json:"prompt"`
	Stream        bool            `json:"stream"`
	StreamOptions *streamOptions  `json:"stream_options"`
	Echo          bool            `json:"echo"`
	sampling
}

type completionChoice struct {
	Text         string    `json:"text"`
	Index        int       `json:"index"`
	FinishReason *string   `json:"finish_reason"`
	Logprobs     *struct{} `json:"logprobs"`
}

type completion struct {
	ID      string             `json:"id"`
	Object  string             `json:"object"`
	Created int64              `json:"created"`
	Model   string             `json:"model"`
	Choices []completionChoice `json:"choices"`
	Usage   *usage             `json:"usage,omitempty"`
}

// prompt reads the prompt: a string, or an array holding one string.
func (c completionRequest) prompt() (string, error) {
	var s string
	if json.Unmarshal(c.Prompt, &s) == nil {
		return s, nil
	}
	var ss []string
	if json.Unmarshal(c.Prompt, &ss) == nil && len(ss) == 1 {
		return ss[0], nil
	}
	return "", errors.New("prompt must be a string (or an array of exactly one string)")
}

// completions serves POST /v1/completions: the prompt is continued as is,
// without a chat template.
func (s *Server) completions(w http.ResponseWriter, r *http.Request) {
	var body completionRequest
	if !s.decode(w, r, &body) {
		return
	}
	prompt, err := body.prompt()
	if err == nil && body.Model == "" {
		err = errors.New("model is required")
	}
	if err != nil {
		badRequest(w, err.Error())
		return
	}
	var ok bool
	if body.Model, ok = s.model(w, r, body.Model); !ok {
		return
	}
	leave, ok := s.turn(w, r)
	if !ok {
		return
	}
	defer leave()
	req := engine.Request{Model: body.Model, Prompt: prompt, Raw: true, Options: body.options()}
	resp := completion{ID: newID("cmpl-"), Object: "text_completion", Created: now(), Model: body.Model}
	if body.Stream {
		s.completionStream(w, r, req, resp, body.StreamOptions != nil && body.StreamOptions.IncludeUsage)
		return
	}
	var text strings.Builder
	if body.Echo {
		text.WriteString(prompt)
	}
	var stats *engine.Stats
	for c, err := range s.backend.Generate(r.Context(), req) {
		if err != nil {
			backendError(w, s.log, err)
			return
		}
		text.WriteString(c.Text)
		if c.Done {
			stats = c.Stats
		}
	}
	reason := finishReason(stats, false)
	resp.Choices = []completionChoice{{Text: text.String(), FinishReason: &reason}}
	resp.Usage = usageOf(stats)
	writeJSON(w, http.StatusOK, resp)
}

func (s *Server) completionStream(w http.ResponseWriter, r *http.Request, req engine.Request, resp completion, withUsage bool) {
	out := newSSE(w, s.log)
	var stats *engine.Stats
	for c, err := range s.backend.Generate(r.Context(), req) {
		if err != nil {
			out.fail(err)
			return
		}
		if c.Done {
			stats = c.Stats
		}
		if c.Text == "" {
			continue
		}
		resp.Choices = []completionChoice{{Text: c.Text}}
		if out.send(resp) != nil {
			return
		}
	}
	reason := finishReason(stats, false)
	resp.Choices = []completionChoice{{FinishReason: &reason}}
	if out.send(resp) != nil {
		return
	}
	if withUsage {
		resp.Choices, resp.Usage = []completionChoice{}, usageOf(stats)
		out.send(resp)
	}
	out.done()
}
