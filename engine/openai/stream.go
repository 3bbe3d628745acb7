package openai

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// streamChunk is one event of a streamed chat or text completion.
type streamChunk struct {
	Error   json.RawMessage `json:"error"`
	Choices []struct {
		Index int `json:"index"`
		Delta struct {
			Content   *string         `json:"content"`
			ToolCalls []toolCallDelta `json:"tool_calls"`
		} `json:"delta"`
		Text         string  `json:"text"` // text completions
		FinishReason *string `json:"finish_reason"`
	} `json:"choices"`
	Usage *struct {
		PromptTokens     int `json:"prompt_tokens"`
		CompletionTokens int `json:"completion_tokens"`
	} `json:"usage"`
}

// streamEnd is what a stream said by its end.
type streamEnd struct {
	done             bool   // the [DONE] event came
	finish           string // the last finish_reason
	promptTokens     int
	completionTokens int
	calls            toolCalls
}

// complete reports whether the answer is whole: [DONE] came, or at least a
// finish reason (some servers close the stream without [DONE]).
func (s *streamEnd) complete() bool { return s.done || s.finish != "" }

// streamFailure is an error the server reported inside the stream.
type streamFailure struct{ msg string }

func (e *streamFailure) Error() string { return e.msg }

// errMalformed is an event that is not a chunk.
var errMalformed = errors.New("an event of the stream is not a JSON chunk")

// decodeStream reads a streamed completion from r, passing each piece of
// text to text as it comes, until [DONE] or the end of r. onLine (if not
// nil) is called for every line read. An error from text is returned as is.
func decodeStream(r io.Reader, text func(string) error, onLine func()) (*streamEnd, error) {
	events := newEventReader(r)
	events.onLine = onLine
	end := &streamEnd{}
	for {
		data, err := events.next()
		if errors.Is(err, io.EOF) {
			return end, nil
		}
		if err != nil {
			return end, err
		}
		if string(data) == "[DONE]" {
			end.done = true
			return end, nil
		}
		if err := end.take(data, text); err != nil {
			return end, err
		}
	}
}

// take reads one event.
func (s *streamEnd) take(data []byte, text func(string) error) error {
	var c streamChunk
	if err := json.Unmarshal(data, &c); err != nil {
		return errMalformed
	}
	if len(c.Error) > 0 && string(c.Error) != "null" {
		return &streamFailure{msg: serverMessage(bytes.NewReader(data))}
	}
	if c.Usage != nil {
		s.promptTokens, s.completionTokens = c.Usage.PromptTokens, c.Usage.CompletionTokens
	}
	for _, ch := range c.Choices {
		if ch.Index != 0 {
			continue // only one choice is asked for
		}
		piece := ch.Text
		if ch.Delta.Content != nil {
			piece += *ch.Delta.Content
		}
		if piece != "" {
			if err := text(piece); err != nil {
				return err
			}
		}
		for _, d := range ch.Delta.ToolCalls {
			if err := s.calls.add(d); err != nil {
				return err
			}
		}
		if ch.FinishReason != nil && *ch.FinishReason != "" {
			s.finish = *ch.FinishReason
		}
	}
	return nil
}
