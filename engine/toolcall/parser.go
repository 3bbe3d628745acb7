package toolcall

import (
	"crypto/rand"
	"fmt"
	"strings"

	"github.com/hearth-app/hearth/engine"
)

// MaxCallBytes is the most text one call may hold; a call that grows past
// it is cut off and reported as truncated.
const MaxCallBytes = 64 << 10

// Result is what one piece of the answer gives: text to show and calls
// completed in it.
type Result struct {
	Text  string
	Calls []engine.ToolCall
}

// Parser separates the tool calls from the text of a streamed answer. It is
// not safe for concurrent use.
type Parser struct {
	f       *Format
	schemas *Schemas
	held    string // text that may still begin a marker
	started bool   // text other than whitespace has been shown
	after   bool   // a call just ended: whitespace is dropped
	inCall  bool
	body    strings.Builder
	scan    valueScanner
	// valueEnd is where the call's JSON value ended in body, 0 when
	// the call is not JSON, -1 while undecided.
	valueEnd int
	failed   error
}

// NewParser returns a parser for answers in format f whose calls are
// checked against schemas (nil checks nothing).
func NewParser(f *Format, schemas *Schemas) *Parser {
	return &Parser{f: f, schemas: schemas}
}

// InCall reports whether a call has started and not yet ended.
func (p *Parser) InCall() bool { return p.inCall }

// Body returns the text of the call under way since its opening marker.
func (p *Parser) Body() string { return p.body.String() }

// Feed adds the next piece of the answer. After an error the parser takes
// no more input; the error is returned again by every later call.
func (p *Parser) Feed(text string) (Result, error) {
	if p.failed != nil {
		return Result{}, p.failed
	}
	var r Result
	p.held += text
	for p.held != "" {
		var more bool
		var err error
		if p.inCall {
			more, err = p.feedCall(&r)
		} else {
			more = p.feedText(&r)
		}
		if err != nil {
			p.failed = err
			return r, err
		}
		if !more {
			break
		}
	}
	return r, nil
}

// Finish ends the answer: held text that began no marker is released, a
// call still open is an error, except a Llama built-in call, which ends
// with the answer, and a whole JSON call in a format whose closing marker
// is optional.
func (p *Parser) Finish() (Result, error) {
	if p.failed != nil {
		return Result{}, p.failed
	}
	var r Result
	if !p.inCall {
		r.Text = p.releaseHeld()
		return r, nil
	}
	body := p.body.String()
	if p.f.Close == "" && !p.scan.started && strings.TrimSpace(body) != "" {
		return r, p.complete(&r, body)
	}
	if p.f.CloseOptional && p.valueEnd > 0 && strings.TrimSpace(body[p.valueEnd:]) == "" {
		return r, p.complete(&r, body[:p.valueEnd])
	}
	p.failed = fmt.Errorf("tool call: %w", ErrTruncated)
	return r, p.failed
}

// releaseHeld returns held text as text, dropping whitespace after a call.
func (p *Parser) releaseHeld() string {
	out := p.held
	p.held = ""
	if p.after {
		out = strings.TrimLeft(out, " \t\r\n")
	}
	return out
}

// feedText moves held text to the result up to the next opening marker,
// keeping back an end that may begin one. It reports whether a call began.
func (p *Parser) feedText(r *Result) bool {
	if p.after {
		p.held = strings.TrimLeft(p.held, " \t\r\n")
		if p.held == "" {
			return false
		}
		p.after = false
	}
	if p.f.Leading && !p.started {
		switch leadingCall(p.held) {
		case undecided:
			return false
		case yes:
			p.startCall()
			return true
		}
	}
	i, marker := p.earliestMarker()
	if i >= 0 {
		p.show(r, p.held[:i])
		p.held = p.held[i+len(marker):]
		p.startCall()
		return true
	}
	keep := partialMarker(p.held, p.f.Open)
	p.show(r, p.held[:len(p.held)-keep])
	p.held = p.held[len(p.held)-keep:]
	return false
}

// show adds text to the result.
func (p *Parser) show(r *Result, text string) {
	if strings.TrimSpace(text) != "" {
		p.started = true
	}
	r.Text += text
}

// startCall enters a call.
func (p *Parser) startCall() {
	p.inCall = true
	p.body.Reset()
	p.scan = valueScanner{}
	p.valueEnd = -1
}

// earliestMarker finds the first opening marker in the held text.
func (p *Parser) earliestMarker() (int, string) {
	best, marker := -1, ""
	for _, m := range p.f.Open {
		if i := strings.Index(p.held, m); i >= 0 && (best < 0 || i < best) {
			best, marker = i, m
		}
	}
	return best, marker
}

// feedCall moves held text into the call under way and completes the call
// at its end. It reports whether text is left over after the call.
func (p *Parser) feedCall(r *Result) (bool, error) {
	text := p.held
	p.held = ""
	var ended bool
	var err error
	if p.f.Close != "" {
		ended, err = p.feedClosed(r, text)
	} else {
		ended, err = p.feedValue(r, text)
	}
	if ended || err != nil {
		return ended, err
	}
	if p.body.Len() > MaxCallBytes {
		return false, fmt.Errorf("tool call: longer than %d bytes: %w", MaxCallBytes, ErrTruncated)
	}
	return false, nil
}

// feedValue adds text to a call that ends with its JSON value (or, when
// it is not JSON, with the answer).
func (p *Parser) feedValue(r *Result, text string) (bool, error) {
	end, notJSON := p.scan.feed(text)
	if notJSON || end < 0 {
		p.body.WriteString(text)
		return false, nil
	}
	p.body.WriteString(text[:end])
	p.held = text[end:]
	return true, p.complete(r, p.body.String())
}

// feedClosed adds text to a call that ends with a closing marker. When the
// call is JSON, the marker counts only after the value has ended, so that
// a string holding the marker does not cut the call short.
func (p *Parser) feedClosed(r *Result, text string) (bool, error) {
	before := p.body.Len()
	p.body.WriteString(text)
	if p.valueEnd < 0 {
		end, notJSON := p.scan.feed(text)
		switch {
		case end >= 0:
			p.valueEnd = before + end
		case !notJSON:
			return false, nil // inside the value
		default:
			p.valueEnd = 0 // not JSON: the first marker ends it
		}
	}
	from := max(p.valueEnd, before-len(p.f.Close))
	full := p.body.String()
	i := strings.Index(full[from:], p.f.Close)
	if i < 0 {
		return false, nil
	}
	i += from
	p.held = full[i+len(p.f.Close):]
	return true, p.complete(r, full[:i])
}

// complete decodes and checks a call's text and adds its calls.
func (p *Parser) complete(r *Result, body string) error {
	p.inCall, p.after, p.started = false, true, true
	p.body.Reset()
	calls, err := decodeBody(body)
	if err != nil {
		return fmt.Errorf("tool call: %w", err)
	}
	for i := range calls {
		if err := p.schemas.Check(calls[i]); err != nil {
			return fmt.Errorf("tool call: %w", err)
		}
		if calls[i].ID == "" {
			calls[i].ID = newID()
		}
	}
	r.Calls = append(r.Calls, calls...)
	return nil
}

// newID returns a fresh call id in the OpenAI style.
func newID() string {
	return "call_" + rand.Text()[:16]
}

// partialMarker returns the length of the longest end of s that begins one
// of markers.
func partialMarker(s string, markers []string) int {
	keep := 0
	for _, m := range markers {
		for k := min(len(m)-1, len(s)); k > keep; k-- {
			if strings.HasSuffix(s, m[:k]) {
				keep = k
				break
			}
		}
	}
	return keep
}
