package openai

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"mime"
	"net/http"
	"time"

	"github.com/hearth-app/hearth/engine"
)

// errStopped ends a stream early because the consumer stopped iterating.
var errStopped = errors.New("consumer stopped")

// Generate streams the answer to req: a chat (POST /v1/chat/completions,
// tools included) when req has Messages, else a completion of req.Prompt
// (POST /v1/completions). Tool calls are assembled from the streamed
// pieces and come in one chunk before the last. Cancelling ctx, or
// breaking out of the loop, closes the connection, which stops the server.
// A stream that ends before the answer is whole (the server died, the
// connection broke) yields an error matching engine.ErrBackendDown.
func (b *Backend) Generate(ctx context.Context, req engine.Request) iter.Seq2[engine.Chunk, error] {
	return func(yield func(engine.Chunk, error) bool) {
		if err := b.generate(ctx, req, yield); err != nil && !errors.Is(err, errStopped) {
			yield(engine.Chunk{}, err)
		}
	}
}

// timing measures a generation for its Stats: until the first piece of
// text (the prompt), then to the end.
type timing struct {
	start, first time.Time
	pieces       int
}

func (t *timing) piece() {
	if t.pieces == 0 {
		t.first = time.Now()
	}
	t.pieces++
}

func (b *Backend) generate(ctx context.Context, req engine.Request, yield func(engine.Chunk, error) bool) error {
	path, body, err := requestBody(req)
	if err != nil {
		return fmt.Errorf("openai generate: %w", err)
	}
	sctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	t := &timing{start: time.Now()}
	c, err := b.send(sctx, http.MethodPost, path, body, req.Model, b.header)
	if err != nil {
		return fmt.Errorf("openai generate: %w", err)
	}
	defer c.close()
	if err := b.checkStreamed(c.resp); err != nil {
		return fmt.Errorf("openai generate: %w", err)
	}
	end, err := b.readStream(sctx, cancel, c, t, yield)
	if err != nil {
		if errors.Is(err, errStopped) {
			return err
		}
		return fmt.Errorf("openai generate: %w", b.streamError(ctx, sctx, err))
	}
	return b.finish(req, end, t, yield)
}

// readStream passes the text of the stream to yield as it comes, cancelling
// the request when the server stays silent longer than the idle timeout.
func (b *Backend) readStream(sctx context.Context, cancel context.CancelCauseFunc, c *call, t *timing, yield func(engine.Chunk, error) bool) (*streamEnd, error) {
	idle := time.AfterFunc(b.idle, func() { cancel(errIdleTimeout) })
	defer idle.Stop()
	return decodeStream(c.resp.Body, func(text string) error {
		t.piece()
		if !yield(engine.Chunk{Text: text}, nil) {
			return errStopped
		}
		return nil
	}, func() { idle.Reset(b.idle) })
}

// checkStreamed refuses an answer that is not an event stream (a server
// that ignored "stream": true, or something else at that address).
func (b *Backend) checkStreamed(resp *http.Response) error {
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mt == "" || mt == "text/event-stream" {
		return nil
	}
	return b.fail(nil, fmt.Errorf("content type %q", mt), "did not stream its answer (it sent %s)", oneLine(mt, 60))
}

// streamError classifies a failure while reading the stream.
func (b *Backend) streamError(ctx, sctx context.Context, err error) error {
	var sf *streamFailure
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.Is(context.Cause(sctx), errIdleTimeout):
		return b.transportError(ctx, errIdleTimeout)
	case errors.As(err, &sf):
		msg := b.redact(sf.msg)
		return b.fail(nil, errors.New(msg), "failed in the middle of the answer: %s", msg)
	case errors.Is(err, errLineTooLong), errors.Is(err, errEventTooLong), errors.Is(err, errMalformed),
		errors.Is(err, errTooManyCalls), errors.Is(err, errCallTooLarge):
		return b.fail(nil, err, "sent a stream Hearth cannot read (%s)", err)
	}
	return b.died(err)
}

// died reports a stream cut short.
func (b *Backend) died(cause error) error {
	return b.fail(engine.ErrBackendDown, cause, "stopped before the answer was complete")
}

// finish checks that the answer is whole, then yields its tool calls and
// the final chunk.
func (b *Backend) finish(req engine.Request, end *streamEnd, t *timing, yield func(engine.Chunk, error) bool) error {
	if !end.complete() {
		return fmt.Errorf("openai generate: %w", b.died(nil))
	}
	calls, err := end.calls.finish()
	if err != nil {
		return fmt.Errorf("openai generate: %w", b.fail(nil, err, "sent %s", err))
	}
	if len(calls) > 0 && !yield(engine.Chunk{ToolCalls: calls}, nil) {
		return errStopped
	}
	yield(engine.Chunk{Done: true, Stats: stats(req, end, t)}, nil)
	return nil
}

// stats describes the finished generation. Token counts come from the
// server's usage report when it sends one, else the number of pieces
// streamed stands in for the tokens generated.
func stats(req engine.Request, end *streamEnd, t *timing) *engine.Stats {
	st := &engine.Stats{PromptTokens: end.promptTokens, GeneratedTokens: end.completionTokens, StopReason: stopReason(req, end.finish)}
	if st.GeneratedTokens == 0 {
		st.GeneratedTokens = t.pieces
	}
	now := time.Now()
	if t.pieces > 0 {
		st.PromptDuration, st.GenerateDuration = t.first.Sub(t.start), now.Sub(t.first)
	} else {
		st.PromptDuration = now.Sub(t.start)
	}
	return st
}

// stopReason maps OpenAI's finish_reason to the engine's. "stop" means the
// end of sequence or a stop string; it is reported as "stop" only when the
// request had stop strings.
func stopReason(req engine.Request, finish string) string {
	switch {
	case finish == "length":
		return "length"
	case finish == "stop" && len(req.Options.Stop) > 0:
		return "stop"
	}
	return "eos"
}
