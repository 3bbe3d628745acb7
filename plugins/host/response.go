package host

import (
	"bytes"
	"encoding/json"
	"errors"
	"unicode/utf8"
)

// errBadResponse is a tool's answer that is not the ABI's response object.
var errBadResponse = errors.New("not a response object")

// wireResponse is the JSON a tool answers with (ABI.md, hearth_call).
type wireResponse struct {
	Text       string          `json:"text"`
	Structured json.RawMessage `json:"structured"`
	IsError    bool            `json:"is_error"`
}

// decodeResponse parses a tool's answer strictly: valid UTF-8, one JSON
// object with only the ABI's fields, structured an object when present,
// nothing after it. The caller bounds the length first.
func decodeResponse(data []byte) (Result, error) {
	if !utf8.Valid(data) {
		return Result{}, errBadResponse
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var w wireResponse
	if err := dec.Decode(&w); err != nil {
		return Result{}, errBadResponse
	}
	if len(bytes.TrimSpace(data[dec.InputOffset():])) > 0 {
		return Result{}, errBadResponse
	}
	structured := bytes.TrimSpace(w.Structured)
	if bytes.Equal(structured, []byte("null")) {
		structured = nil
	}
	if len(structured) > 0 && structured[0] != '{' {
		return Result{}, errBadResponse
	}
	return Result{Text: w.Text, Structured: json.RawMessage(structured), IsError: w.IsError}, nil
}
