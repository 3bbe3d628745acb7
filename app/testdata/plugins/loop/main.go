//go:build wasip1

// Command loop is a hostile plugin for the app's tests: its one tool never
// returns, so the host must stop it at its time limit.
package main

import (
	"encoding/json"

	"github.com/hearth-app/hearth/plugins/sdk"
)

func init() {
	sdk.Tool("spin", func(json.RawMessage) (sdk.Result, error) {
		for {
		}
	})
}

func main() {}
