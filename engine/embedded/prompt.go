package embedded

import (
	"context"
	"fmt"
	"strings"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/chattemplate"
)

// Prompt returns the text req asks the model to continue: with Raw, the
// prompt as is; otherwise the messages (or, when there are none, the prompt
// as one user message) rendered with the model's chat template, tools
// included (in the system message for a template that reads them only
// there), followed by the start of an assistant turn.
func (m *Model) Prompt(req engine.Request) (string, error) {
	return m.PromptContext(context.Background(), req)
}

// PromptContext is Prompt whose template rendering stops when ctx ends.
func (m *Model) PromptContext(ctx context.Context, req engine.Request) (string, error) {
	if req.Raw {
		return req.Prompt, nil
	}
	if m.tmplErr != nil {
		return "", fmt.Errorf("prompt: %w", m.tmplErr)
	}
	msgs := req.Messages
	if len(msgs) == 0 {
		msgs = []engine.Message{{Role: "user", Content: req.Prompt}}
	}
	in, err := withSystemTools(m.toolFormat(), chattemplate.Input{
		Messages:            msgs,
		Tools:               req.Tools,
		AddGenerationPrompt: true,
		BOS:                 m.bos,
		EOS:                 m.eos,
	})
	if err != nil {
		return "", err
	}
	text, err := m.tmpl.RenderContext(ctx, in)
	if err != nil {
		return "", fmt.Errorf("prompt: %w", err)
	}
	return text, nil
}

// promptTokens tokenizes req's prompt. Special tokens written in it are
// parsed. BOS is added when the vocabulary asks for it, except that a
// template which writes the BOS text itself does not get a second one.
func (m *Model) promptTokens(ctx context.Context, req engine.Request) ([]int32, error) {
	text, err := m.PromptContext(ctx, req)
	if err != nil {
		return nil, err
	}
	if !req.Raw && m.tok.AddBOS() && m.bos != "" {
		text = strings.TrimPrefix(text, m.bos)
	}
	ids := m.tok.Encode(text, true, true)
	if len(ids) == 0 {
		return nil, fmt.Errorf("prompt: %w", errEmptyPrompt)
	}
	return ids, nil
}
