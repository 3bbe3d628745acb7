package openai

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// Bounds on a stream of server-sent events.
const (
	// MaxLine is the longest line of a stream.
	MaxLine = 1 << 20
	// MaxEvent is the most data one event may carry.
	MaxEvent = 1 << 20
)

// Errors of a stream that breaks the bounds.
var (
	errLineTooLong  = errors.New("a line of the stream is longer than 1 MiB")
	errEventTooLong = errors.New("an event of the stream is larger than 1 MiB")
)

// eventReader reads the data of server-sent events
// (https://html.spec.whatwg.org/multipage/server-sent-events.html): the
// "data" lines of one event, joined by newlines, up to the blank line that
// ends it. Other fields (event, id, retry) and comments are skipped, since
// OpenAI's streams do not use them. Lines end in \n or \r\n; a lone \r,
// which the specification also allows and no OpenAI-compatible server
// writes, is kept as part of the line.
type eventReader struct {
	r       *bufio.Reader
	data    []byte
	hasData bool
	line    []byte
	// onLine is called after each line read (the stream is alive).
	onLine func()
}

func newEventReader(r io.Reader) *eventReader {
	return &eventReader{r: bufio.NewReaderSize(r, 64<<10)}
}

// next returns the data of the next event, valid until the following call,
// or io.EOF at the end of the stream. An event cut off by the end of the
// stream is dropped, as the specification says.
func (e *eventReader) next() ([]byte, error) {
	e.data, e.hasData = e.data[:0], false
	for {
		line, err := e.readLine()
		if err != nil {
			return nil, err
		}
		if e.onLine != nil {
			e.onLine()
		}
		if len(line) == 0 {
			if e.hasData {
				return e.data, nil
			}
			continue
		}
		if err := e.field(line); err != nil {
			return nil, err
		}
	}
}

// field takes one non-empty line.
func (e *eventReader) field(line []byte) error {
	name, value, found := bytes.Cut(line, []byte(":"))
	if !found {
		value = nil
	}
	if string(name) != "data" {
		return nil
	}
	value = bytes.TrimPrefix(value, []byte(" "))
	if len(e.data)+len(value)+1 > MaxEvent {
		return errEventTooLong
	}
	if e.hasData {
		e.data = append(e.data, '\n')
	}
	e.data = append(e.data, value...)
	e.hasData = true
	return nil
}

// readLine returns the next line without its end, refusing lines longer
// than MaxLine. The end of the stream in the middle of a line is io.EOF.
func (e *eventReader) readLine() ([]byte, error) {
	e.line = e.line[:0]
	for {
		chunk, err := e.r.ReadSlice('\n')
		if len(e.line)+len(chunk) > MaxLine+2 {
			return nil, errLineTooLong
		}
		e.line = append(e.line, chunk...)
		switch {
		case err == nil:
			return bytes.TrimSuffix(bytes.TrimSuffix(e.line, []byte("\n")), []byte("\r")), nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			return nil, io.EOF
		default:
			return nil, err
		}
	}
}
