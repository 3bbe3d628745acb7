package sdk

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestRunToolAnswers(t *testing.T) {
	tools = map[string]Handler{}
	Tool("ok", func(args json.RawMessage) (Result, error) {
		return Result{Text: "got " + string(args), Structured: map[string]int{"n": 1}}, nil
	})
	Tool("fails", func(json.RawMessage) (Result, error) { return Result{}, errors.New("no luck") })
	Tool("panics", func(json.RawMessage) (Result, error) { panic("boom") })
	cases := map[string]string{
		"ok":      `{"text":"got {}","structured":{"n":1}}`,
		"fails":   `{"text":"no luck","is_error":true}`,
		"panics":  `{"text":"the tool failed: boom","is_error":true}`,
		"missing": `{"text":"this plugin has no tool missing","is_error":true}`,
	}
	for name, want := range cases {
		if got := string(runTool(name, json.RawMessage(`{}`))); got != want {
			t.Errorf("%s: %s, want %s", name, got, want)
		}
	}
}

func TestToolRegisteredTwicePanics(t *testing.T) {
	tools = map[string]Handler{}
	Tool("x", func(json.RawMessage) (Result, error) { return Result{}, nil })
	defer func() {
		if recover() == nil {
			t.Error("no panic for a second registration")
		}
	}()
	Tool("x", func(json.RawMessage) (Result, error) { return Result{}, nil })
}

func TestHostCallsOutsideHearth(t *testing.T) {
	if _, err := SearchMemory("x", 1); !errors.Is(err, ErrNotInHost) || errors.Is(err, ErrPermissionDenied) {
		t.Errorf("SearchMemory: %v, want ErrNotInHost", err)
	}
	if _, err := Fetch(FetchRequest{URL: "https://example.com/"}); !errors.Is(err, ErrNotInHost) {
		t.Errorf("Fetch: %v, want ErrNotInHost", err)
	}
	Log("dropped")
}

func TestErrorMatchesPermissionDenied(t *testing.T) {
	var err error = &Error{Code: "permission_denied", Message: "the plugin was not granted memory:read"}
	if !errors.Is(err, ErrPermissionDenied) || err.Error() != "the plugin was not granted memory:read" {
		t.Errorf("%v does not match ErrPermissionDenied", err)
	}
	if errors.Is(&Error{Code: "failed"}, ErrPermissionDenied) {
		t.Error("a failure matched ErrPermissionDenied")
	}
}
