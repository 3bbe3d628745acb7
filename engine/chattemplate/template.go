package chattemplate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/hearth-app/hearth/engine"
	"github.com/nikolalohinski/gonja/v2/config"
	"github.com/nikolalohinski/gonja/v2/exec"
	"github.com/nikolalohinski/gonja/v2/loaders"
)

// ErrTemplate is wrapped by every parse and render failure, including a
// template's own raise_exception.
var ErrTemplate = errors.New("chat template")

// Template is a parsed chat template, safe for concurrent Render calls.
type Template struct {
	source string
	tpl    *exec.Template
}

// Input is what a template renders.
type Input struct {
	Messages            []engine.Message
	Tools               []engine.Tool
	AddGenerationPrompt bool
	BOS                 string // bos_token
	EOS                 string // eos_token
	// SystemTools, when not empty, is given to the first system message as
	// its "tools" key: the JSON string of the tools that Phi-4-mini's
	// template reads there (and nowhere else). The conversation must then
	// hold a system message.
	SystemTools string
	// Vars are extra variables (enable_thinking, date_string, ...); they
	// cannot replace the ones above.
	Vars map[string]any
	// Now is the time strftime_now formats; zero means the current time.
	Now time.Time
}

// rootName names the one template a loader serves.
const rootName = "chat_template"

// Parse parses a Jinja chat template. A template the engine cannot take
// (too large, nested too deeply, or one that makes it panic) fails with
// ErrTemplate and one sentence.
func Parse(source string) (t *Template, err error) {
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, fmt.Errorf("%w: parse: the template engine failed on this template: %.200v", ErrTemplate, r)
		}
	}()
	return parse(source)
}

// parse is Parse without the recovery.
func parse(source string) (*Template, error) {
	if len(source) > maxSource {
		return nil, fmt.Errorf("%w: parse: %w: the template is larger than %d bytes", ErrTemplate, ErrLimit, maxSource)
	}
	cfg := config.New()
	cfg.TrimBlocks = true
	cfg.LeftStripBlocks = true
	cfg.KeepTrailingNewline = false
	if err := checkLexable(source); err != nil {
		return nil, fmt.Errorf("%w: parse: %w", ErrTemplate, err)
	}
	text := rewriteInlineIfs(source)
	if err := checkNesting(text, cfg); err != nil {
		return nil, fmt.Errorf("%w: parse: %w: %w", ErrTemplate, ErrLimit, err)
	}
	tpl, err := exec.NewTemplate(rootName, cfg, sourceLoader(text), environment())
	if err != nil {
		return nil, fmt.Errorf("%w: parse: %s", ErrTemplate, parseError(err.Error(), source))
	}
	fixNegativeIndexes(tpl.Root())
	guardTemplate(tpl.Root())
	return &Template{source: source, tpl: tpl}, nil
}

// Source returns the template text.
func (t *Template) Source() string { return t.source }

// Render renders the conversation in in, within the limits MaxTime and
// MaxOutput.
func (t *Template) Render(in Input) (string, error) {
	return t.RenderContext(context.Background(), in)
}

// RenderContext renders the conversation in in, and stops when ctx ends
// (Stop pressed, a request gone) or a limit is passed: MaxTime, MaxOutput,
// and bounds on steps and nesting. A template stopped by a limit fails with
// ErrLimit and one sentence; one stopped by ctx, with ctx's error.
func (t *Template) RenderContext(ctx context.Context, in Input) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = "", fmt.Errorf("%w: render: the template engine failed on this template: %.200v", ErrTemplate, r)
		}
	}()
	return t.render(ctx, in)
}

// render is RenderContext without the recovery.
func (t *Template) render(ctx context.Context, in Input) (string, error) {
	vars, err := variables(in)
	if err != nil {
		return "", fmt.Errorf("%w: render: %w", ErrTemplate, err)
	}
	g := newGuard(ctx)
	vars.Set(guardVar, g)
	if err := g.check(); err != nil {
		return "", fmt.Errorf("%w: render: %w", ErrTemplate, err)
	}
	var out strings.Builder
	err = t.tpl.Execute(&cappedWriter{w: &out, g: g}, vars)
	if g.err != nil {
		return "", fmt.Errorf("%w: render: %w", ErrTemplate, g.err)
	}
	if err != nil {
		msg := renderError(err)
		if strings.HasPrefix(msg, ErrLimit.Error()) {
			return "", fmt.Errorf("%w: render: %w%s", ErrTemplate, ErrLimit, strings.TrimPrefix(msg, ErrLimit.Error()))
		}
		return "", fmt.Errorf("%w: render: %s", ErrTemplate, msg)
	}
	return out.String(), nil
}

// variables builds the template variables.
func variables(in Input) (*exec.Context, error) {
	msgs, err := messageValues(in.Messages, in.SystemTools)
	if err != nil {
		return nil, err
	}
	vars := map[string]any{}
	for k, v := range in.Vars {
		vars[k] = v
	}
	vars["messages"] = msgs
	vars["add_generation_prompt"] = in.AddGenerationPrompt
	vars["bos_token"] = in.BOS
	vars["eos_token"] = in.EOS
	if len(in.Tools) > 0 {
		tools, err := toolValues(in.Tools)
		if err != nil {
			return nil, err
		}
		vars["tools"] = tools
	}
	now := in.Now
	if now.IsZero() {
		now = time.Now()
	}
	vars["strftime_now"] = strftimeNow(now)
	return exec.NewContext(vars), nil
}

// cappedWriter is the output of a rendering: it fails once MaxOutput bytes
// are written.
type cappedWriter struct {
	w io.Writer
	g *guard
	n int
}

func (c *cappedWriter) Write(p []byte) (int, error) {
	if c.g.err != nil {
		return 0, c.g.err
	}
	c.n += len(p)
	if c.n > MaxOutput {
		return 0, c.g.limit("the template's output passed %d bytes", MaxOutput)
	}
	return c.w.Write(p)
}

// sourceLoader serves the template itself and nothing else, so that a
// template cannot include or import files.
type sourceLoader string

func (s sourceLoader) Read(path string) (io.Reader, error) {
	if path != rootName {
		return nil, fmt.Errorf("chat templates cannot load %q", path)
	}
	return strings.NewReader(string(s)), nil
}

func (s sourceLoader) Resolve(path string) (string, error) { return path, nil }

func (s sourceLoader) Inherit(string) (loaders.Loader, error) { return s, nil }

// parseError shortens gonja's parse error, which quotes the whole template,
// to its reason on one line.
func parseError(msg, source string) string {
	if rest, ok := strings.CutPrefix(msg, "failed to parse template '"+source+"': "); ok {
		msg = rest
	}
	msg = firstLine(msg)
	if len(msg) > 300 {
		msg = msg[:300] + "..."
	}
	return msg
}

// firstLine keeps error messages to one line (gonja quotes whole templates).
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// renderError extracts the message of a template's raise_exception, or the
// first line of any other failure.
func renderError(err error) string {
	var re raisedError
	if errors.As(err, &re) {
		return string(re)
	}
	msg := err.Error()
	if i := strings.Index(msg, raisedPrefix); i >= 0 {
		return firstLine(msg[i+len(raisedPrefix):])
	}
	if i := strings.Index(msg, ErrLimit.Error()+": "); i >= 0 {
		return firstLine(msg[i:])
	}
	return firstLine(msg)
}

var _ loaders.Loader = sourceLoader("")
