// Package strictjson decodes JSON from untrusted sources (plugin manifests,
// registry indexes) more strictly than encoding/json does on its own: the
// input is bounded, holds exactly one value, names no field twice (case
// folded, since encoding/json matches field names without regard to case)
// and no field the target type does not know.
//
// Duplicate names matter because a signature covers bytes, not meaning: two
// readers that keep different copies of a duplicated field would see two
// different manifests behind one signature.
package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ErrTooLarge is returned when the input is longer than the cap.
var ErrTooLarge = errors.New("the JSON text is too large")

// Decode decodes data, at most max bytes, into v with the checks in the
// package comment. Its errors are one short sentence without the input.
func Decode(data []byte, max int, v any) error {
	if len(data) > max {
		return ErrTooLarge
	}
	if err := checkNames(data); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return describe(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("the JSON text holds more than one value")
	}
	return nil
}

// describe turns a decoding error into a sentence that says what was wrong
// and where, without quoting the input.
func describe(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Errorf("the JSON text is malformed at byte %d", syntax.Offset)
	case errors.As(err, &typ):
		return fmt.Errorf("the field %q has the wrong type (%s where %s is expected)", typ.Field, typ.Value, typ.Type)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("the JSON text ends too early")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return fmt.Errorf("the field %s is not known", strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	return errors.New("the JSON text cannot be read")
}

// checkNames walks the tokens of data and refuses an object that names a
// field twice. It also refuses anything that is not valid JSON.
func checkNames(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var stack []*object // nil entries stand for arrays
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return describe(err)
		}
		top := len(stack) - 1
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				stack = append(stack, &object{names: map[string]bool{}, wantName: true})
				continue // the opening brace is not a value of the parent's field
			case '[':
				stack = append(stack, nil)
				continue
			default:
				stack = stack[:top]
				top--
			}
		case string:
			if top >= 0 && stack[top] != nil && stack[top].wantName {
				if err := stack[top].add(t); err != nil {
					return err
				}
				continue
			}
		}
		if top >= 0 && stack[top] != nil {
			stack[top].wantName = true
		}
	}
}

// object tracks the field names of one open JSON object.
type object struct {
	names    map[string]bool
	wantName bool // the next string token is a name, not a value
}

// add records a field name, refusing one seen before.
func (o *object) add(name string) error {
	key := strings.ToLower(strings.ToUpper(name)) // folds "ſ" with "s", as encoding/json does
	if o.names[key] {
		return fmt.Errorf("the field %q appears twice in one object", name)
	}
	o.names[key] = true
	o.wantName = false
	return nil
}
