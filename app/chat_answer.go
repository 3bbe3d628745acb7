package app

import (
	"context"
	"strings"
	"time"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/memory"
)

// deltaEvery is how often streamed text is sent to the window: often
// enough to see it grow, rarely enough to keep the window responsive.
const deltaEvery = 50 * time.Millisecond

// answer generates job's answer, streams it to the window, and saves it
// (a stopped answer is saved too, marked stopped).
func (s *ChatService) answer(ctx context.Context, job answerJob) {
	defer s.finish(job.request)
	defer s.generating.begin()()
	b, model, err := s.backendFor(job.opts.Model)
	if err != nil {
		s.fail(job, err)
		return
	}
	if s.rawOnly(job.opts.Model) {
		job.sources = nil // a base model continues the text: it is given no sources, so cites none
	}
	req := s.buildRequest(job, model)
	w := &deltaWriter{flush: func(text string) {
		s.events.Emit(EventChatDelta, chatDelta{RequestID: job.request, ConversationID: job.conv, Text: text})
	}}
	text, calls, stats, err := s.answerWithTools(ctx, job, b, req, w) // chat_tools.go
	w.Flush()
	if err != nil {
		s.fail(job, err)
		return
	}
	stopped := stats.StopReason == "cancelled"
	msg, err := s.saveAnswer(job, text, calls, stopped)
	if err != nil {
		s.fail(job, err)
		return
	}
	s.events.Emit(EventChatDone, chatDone{RequestID: job.request, ConversationID: job.conv, Message: msg, Stats: stats})
}

// buildRequest renders the job for the backend. A base model (no chat
// template) continues the user's text, as `hearth generate` does.
func (s *ChatService) buildRequest(job answerJob, model string) engine.Request {
	opts := engine.DefaultOptions()
	opts.Temperature, opts.TopP, opts.MaxTokens = job.opts.Temperature, job.opts.TopP, job.opts.MaxTokens
	last := job.thread[len(job.thread)-1]
	if s.rawOnly(job.opts.Model) {
		return engine.Request{Model: model, Raw: true, Prompt: last.Text, Options: opts}
	}
	var msgs []engine.Message
	if sys := systemPrompt(job.opts.System, job.memory, job.sources); sys != "" {
		msgs = append(msgs, engine.Message{Role: "system", Content: sys})
	}
	for _, m := range job.thread {
		msgs = append(msgs, engine.Message{Role: m.Role, Content: m.Text})
	}
	return engine.Request{Model: model, Messages: msgs, Options: opts}
}

// systemPrompt joins the conversation's system prompt, what Hearth
// remembers about the user, and the numbered passages of the documents.
func systemPrompt(system string, memories []string, sources []memory.DocHit) string {
	if len(memories) == 0 && len(sources) == 0 {
		return system
	}
	var b strings.Builder
	if system != "" {
		b.WriteString(system + "\n\n")
	}
	if len(memories) > 0 {
		b.WriteString("What you know about the user:\n")
		for _, m := range memories {
			b.WriteString("- " + m + "\n")
		}
	}
	if len(sources) > 0 {
		if len(memories) > 0 {
			b.WriteString("\n")
		}
		b.WriteString(chatSourcesSystem + "\n\n" + sourcesPrompt(sources))
	}
	return b.String()
}

// saveAnswer stores the answer under the user's message.
func (s *ChatService) saveAnswer(job answerJob, text string, calls []memory.ToolCall, stopped bool) (ChatMessage, error) {
	var out ChatMessage
	err := s.vault.Use(func(st *memory.Store) error {
		ctx := context.Background()
		user := job.thread[len(job.thread)-1]
		m, err := st.AddMessage(ctx, job.conv, user.ID, memory.Message{Role: memory.RoleAssistant, Text: text, Model: job.opts.Model, ToolCalls: calls})
		if err != nil {
			return conversationError(err)
		}
		if stopped {
			if err := markStopped(ctx, st, job.conv, m.ID); err != nil {
				return err
			}
		}
		cites := newCitations(job.sources)
		if err := saveSources(ctx, st, job.conv, m.ID, cites); err != nil {
			return err
		}
		msgs, err := st.Messages(ctx, job.conv)
		if err != nil {
			return err
		}
		out = newMessageTree(msgs).chatMessage(m, map[int64]bool{m.ID: stopped})
		out.Sources = checkedSources(ctx, st, cites)
		return nil
	})
	return out, err
}

// fail tells the window the answer failed, in one sentence.
func (s *ChatService) fail(job answerJob, err error) {
	sentence, kind := chatError(err, job.opts.Model)
	s.events.Emit(EventChatError, chatFailure{RequestID: job.request, ConversationID: job.conv, Message: sentence, Kind: kind})
}

// deltaWriter collects streamed text and hands it on at most every
// deltaEvery.
type deltaWriter struct {
	flush   func(string)
	pending strings.Builder
	last    time.Time
}

func (w *deltaWriter) Write(p []byte) (int, error) {
	w.pending.Write(p)
	if time.Since(w.last) >= deltaEvery {
		w.Flush()
	}
	return len(p), nil
}

// Flush sends what is pending.
func (w *deltaWriter) Flush() {
	w.last = time.Now()
	if w.pending.Len() == 0 {
		return
	}
	w.flush(w.pending.String())
	w.pending.Reset()
}
