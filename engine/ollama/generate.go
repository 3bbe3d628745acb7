package ollama

import (
	"context"
	"errors"
	"fmt"
	"iter"

	"github.com/ollama/ollama/api"

	"github.com/hearth-app/hearth/engine"
)

// errStopped ends a stream early because the consumer stopped iterating.
var errStopped = errors.New("consumer stopped")

// Generate streams the answer to req: a chat when req has Messages (Ollama
// renders them with the model's template, tools included), otherwise a
// completion of req.Prompt, verbatim when req.Raw is set. Tool calls arrive
// in chunks' ToolCalls. Cancelling ctx, or breaking out of the loop, closes
// the connection and the server stops generating. A stream that ends without
// Ollama's final message (the server died or the connection broke) yields an
// error matching engine.ErrBackendDown.
func (b *Backend) Generate(ctx context.Context, req engine.Request) iter.Seq2[engine.Chunk, error] {
	return func(yield func(engine.Chunk, error) bool) {
		if err := b.generate(ctx, req, yield); err != nil && !errors.Is(err, errStopped) {
			yield(engine.Chunk{}, err)
		}
	}
}

// emitter passes chunks to the consumer and remembers whether the last one
// came.
type emitter struct {
	yield func(engine.Chunk, error) bool
	done  bool
}

func (e *emitter) emit(c engine.Chunk) error {
	if c.Text == "" && len(c.ToolCalls) == 0 && !c.Done {
		return nil
	}
	e.done = e.done || c.Done
	if !e.yield(c, nil) {
		return errStopped
	}
	return nil
}

func (b *Backend) generate(ctx context.Context, req engine.Request, yield func(engine.Chunk, error) bool) error {
	streamCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	e := &emitter{yield: yield}
	var err error
	if len(req.Messages) == 0 {
		err = b.complete(streamCtx, req, e)
	} else {
		err = b.chat(streamCtx, req, e)
	}
	switch {
	case errors.Is(err, errStopped):
		return err
	case err != nil:
		return fmt.Errorf("ollama generate: %w", b.classify(ctx, req.Model, err))
	case ctx.Err() != nil:
		return ctx.Err()
	case !e.done:
		return fmt.Errorf("ollama generate: %w", &Error{
			Msg:  fmt.Sprintf("Ollama at %s stopped before the answer was complete", b.host),
			Kind: engine.ErrBackendDown,
		})
	}
	return nil
}

func (b *Backend) chat(ctx context.Context, req engine.Request, e *emitter) error {
	msgs, err := messages(req.Messages)
	if err != nil {
		return err
	}
	ts, err := tools(req.Tools)
	if err != nil {
		return err
	}
	stream := true
	creq := &api.ChatRequest{Model: req.Model, Messages: msgs, Tools: ts, Options: options(req.Options), Stream: &stream}
	return b.client.Chat(ctx, creq, func(r api.ChatResponse) error {
		calls, err := toolCallsIn(r.Message.ToolCalls)
		if err != nil {
			return err
		}
		c := engine.Chunk{Text: r.Message.Content, ToolCalls: calls, Done: r.Done}
		if r.Done {
			c.Stats = stats(r.Metrics, r.DoneReason, req)
		}
		return e.emit(c)
	})
}

func (b *Backend) complete(ctx context.Context, req engine.Request, e *emitter) error {
	stream := true
	greq := &api.GenerateRequest{Model: req.Model, Prompt: req.Prompt, Raw: req.Raw, Options: options(req.Options), Stream: &stream}
	return b.client.Generate(ctx, greq, func(r api.GenerateResponse) error {
		c := engine.Chunk{Text: r.Response, Done: r.Done}
		if r.Done {
			c.Stats = stats(r.Metrics, r.DoneReason, req)
		}
		return e.emit(c)
	})
}
