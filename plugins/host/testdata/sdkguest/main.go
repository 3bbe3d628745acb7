//go:build wasip1

// Command sdkguest exercises every host call of plugins/sdk, for the host's
// tests: each tool calls one SDK function and reports what it got.
package main

import (
	"encoding/hex"
	"encoding/json"
	"errors"

	"github.com/hearth-app/hearth/plugins/sdk"
)

func init() {
	sdk.Tool("write", func(json.RawMessage) (sdk.Result, error) {
		id, err := sdk.WriteMemory("the user likes tea")
		return sdk.Result{Text: id}, err
	})
	sdk.Tool("generate", func(json.RawMessage) (sdk.Result, error) {
		text, err := sdk.Generate("Say hi", 16)
		return sdk.Result{Text: text}, err
	})
	sdk.Tool("notify", func(json.RawMessage) (sdk.Result, error) {
		return sdk.Result{Text: "sent"}, sdk.Notify("Done", "The job finished.")
	})
	sdk.Tool("secrets", secrets)
	sdk.Tool("pick", func(json.RawMessage) (sdk.Result, error) {
		name, data, ok, err := sdk.PickFile("Choose a note")
		return sdk.Result{Structured: map[string]any{"name": name, "hex": hex.EncodeToString(data), "ok": ok}}, err
	})
	sdk.Tool("denied", func(json.RawMessage) (sdk.Result, error) {
		_, err := sdk.SearchMemory("anything", 3)
		return sdk.Result{Structured: map[string]bool{"denied": errors.Is(err, sdk.ErrPermissionDenied)}}, nil
	})
	sdk.Tool("panics", func(json.RawMessage) (sdk.Result, error) {
		var m map[string]int
		m["x"] = 1
		return sdk.Result{}, nil
	})
	sdk.Tool("fails", func(json.RawMessage) (sdk.Result, error) {
		return sdk.Result{}, errors.New("the tool could not do it")
	})
}

// secrets sets, reads, deletes and reads again a secret.
func secrets(json.RawMessage) (sdk.Result, error) {
	if err := sdk.SetSecret("token", "s3cret"); err != nil {
		return sdk.Result{}, err
	}
	v, ok, err := sdk.Secret("token")
	if err != nil {
		return sdk.Result{}, err
	}
	if err := sdk.DeleteSecret("token"); err != nil {
		return sdk.Result{}, err
	}
	_, after, err := sdk.Secret("token")
	return sdk.Result{Structured: map[string]any{"value": v, "ok": ok, "after_delete": after}}, err
}

func main() {}
