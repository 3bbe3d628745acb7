package host

import (
	"encoding/json"
	"testing"
)

func TestDecodeResponse(t *testing.T) {
	cases := []struct {
		in   string
		ok   bool
		want Result
	}{
		{`{"text":"hi"}`, true, Result{Text: "hi"}},
		{`{"text":"x","is_error":true}`, true, Result{Text: "x", IsError: true}},
		{`{"text":"x","structured":{"a":1}}`, true, Result{Text: "x", Structured: json.RawMessage(`{"a":1}`)}},
		{`{"text":"x","structured":null}`, true, Result{Text: "x"}},
		{` {"text":"x"} `, true, Result{Text: "x"}},
		{`{"text":"x","structured":[1]}`, false, Result{}},
		{`{"text":"x","structured":"s"}`, false, Result{}},
		{`{"text":"x","extra":1}`, false, Result{}},
		{`{"text":"x"}{"text":"y"}`, false, Result{}},
		{`{"text":"x"} trailing`, false, Result{}},
		{`{"text":5}`, false, Result{}},
		{`[]`, false, Result{}},
		{``, false, Result{}},
		{"{\"text\":\"\xff\"}", false, Result{}},
	}
	for _, c := range cases {
		got, err := decodeResponse([]byte(c.in))
		if (err == nil) != c.ok {
			t.Errorf("%q: error %v, want ok %v", c.in, err, c.ok)
			continue
		}
		if c.ok && (got.Text != c.want.Text || got.IsError != c.want.IsError || string(got.Structured) != string(c.want.Structured)) {
			t.Errorf("%q: %+v, want %+v", c.in, got, c.want)
		}
	}
}

// FuzzDecodeResponse feeds the decoder of tool answers arbitrary bytes:
// it must never panic, and what it accepts has a structured part that is a
// JSON object (or none).
func FuzzDecodeResponse(f *testing.F) {
	for _, seed := range []string{`{"text":"hi"}`, `{"text":"x","structured":{"a":[1,2]},"is_error":true}`, `{"structured":null}`, `{`, `null`, "\xff"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := decodeResponse(data)
		if err != nil {
			return
		}
		if len(res.Structured) > 0 {
			var obj map[string]any
			if json.Unmarshal(res.Structured, &obj) != nil {
				t.Fatalf("accepted structured %q that is not an object", res.Structured)
			}
		}
	})
}

// FuzzDecodeRequest feeds a host function's request decoder arbitrary
// bytes: it must never panic, and it accepts only one JSON object.
func FuzzDecodeRequest(f *testing.F) {
	for _, seed := range []string{`{"url":"https://example.com/","method":"GET","headers":{"a":"b"}}`, `{"url":1}`, `{} {}`, `{"extra":true}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var req fetchRequest
		if herr := decodeRequest(data, &req); herr != nil {
			if herr.Code != codeInvalidRequest || herr.Message == "" {
				t.Fatalf("failure %+v, want invalid_request with a sentence", herr)
			}
			return
		}
		if !json.Valid(data) {
			t.Fatalf("accepted invalid JSON %q", data)
		}
	})
}
