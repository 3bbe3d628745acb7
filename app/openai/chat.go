package openai

import (
	"net/http"
	"strings"

	"github.com/hearth-app/hearth/engine"
)

// chat serves POST /v1/chat/completions.
func (s *Server) chat(w http.ResponseWriter, r *http.Request) {
	var body chatRequest
	if !s.decode(w, r, &body) {
		return
	}
	req, err := body.engineRequest()
	if err != nil {
		badRequest(w, err.Error())
		return
	}
	var ok bool
	if req.Model, ok = s.model(w, r, req.Model); !ok {
		return
	}
	leave, ok := s.turn(w, r)
	if !ok {
		return
	}
	defer leave()
	if body.Stream {
		s.chatStream(w, r, req, body.StreamOptions != nil && body.StreamOptions.IncludeUsage)
		return
	}
	s.chatOnce(w, r, req)
}

// chatOnce answers with the whole completion.
func (s *Server) chatOnce(w http.ResponseWriter, r *http.Request, req engine.Request) {
	var text strings.Builder
	var calls []engine.ToolCall
	var stats *engine.Stats
	for c, err := range s.backend.Generate(r.Context(), req) {
		if err != nil {
			backendError(w, s.log, err)
			return
		}
		text.WriteString(c.Text)
		calls = append(calls, c.ToolCalls...)
		if c.Done {
			stats = c.Stats
		}
	}
	content := text.String()
	msg := assistantMessage{Role: "assistant", Content: &content, ToolCalls: apiToolCalls(calls, 0)}
	for i := range msg.ToolCalls {
		msg.ToolCalls[i].Index = nil // only streamed tool calls carry an index
	}
	if len(calls) > 0 && content == "" {
		msg.Content = nil
	}
	writeJSON(w, http.StatusOK, chatCompletion{
		ID: newID("chatcmpl-"), Object: "chat.completion", Created: now(), Model: req.Model,
		Choices: []chatChoice{{Message: msg, FinishReason: finishReason(stats, len(calls) > 0)}},
		Usage:   usageOf(stats),
	})
}

// chatStream answers with server-sent chunks as the backend produces them.
func (s *Server) chatStream(w http.ResponseWriter, r *http.Request, req engine.Request, withUsage bool) {
	out := newSSE(w, s.log)
	chunk := chatChunk{ID: newID("chatcmpl-"), Object: "chat.completion.chunk", Created: now(), Model: req.Model}
	emit := func(d chunkDelta, finish *string) error {
		chunk.Choices = []chunkChoice{{Delta: d, FinishReason: finish}}
		return out.send(chunk)
	}
	nCalls := 0
	var stats *engine.Stats
	first := true
	for c, err := range s.backend.Generate(r.Context(), req) {
		if err != nil {
			out.fail(err)
			return
		}
		d := chunkDelta{ToolCalls: apiToolCalls(c.ToolCalls, nCalls)}
		if first {
			d.Role = "assistant"
		}
		if c.Text != "" || first {
			text := c.Text
			d.Content = &text
		}
		nCalls += len(c.ToolCalls)
		if c.Done {
			stats = c.Stats
		}
		if d.Content == nil && len(d.ToolCalls) == 0 {
			continue
		}
		first = false
		if emit(d, nil) != nil {
			return // the client went away; the request's context stops generation
		}
	}
	reason := finishReason(stats, nCalls > 0)
	if emit(chunkDelta{}, &reason) != nil {
		return
	}
	if withUsage {
		chunk.Choices = []chunkChoice{}
		chunk.Usage = usageOf(stats)
		out.send(chunk)
	}
	out.done()
}
