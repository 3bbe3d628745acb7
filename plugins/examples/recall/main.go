//go:build wasip1

// Command recall is an example Hearth plugin that uses memory:read: its tool
// recall returns the user's best-matching memories and document passages.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/hearth-app/hearth/plugins/sdk"
)

// topK is how many passages recall returns.
const topK = 5

func init() {
	sdk.Tool("recall", recall)
}

func recall(raw json.RawMessage) (sdk.Result, error) {
	var args struct {
		Query string `json:"query"`
	}
	if err := json.Unmarshal(raw, &args); err != nil || strings.TrimSpace(args.Query) == "" {
		return sdk.Result{}, errors.New("recall takes {\"query\": string}")
	}
	hits, err := sdk.SearchMemory(args.Query, topK)
	if err != nil {
		return sdk.Result{}, err
	}
	if len(hits) == 0 {
		return sdk.Result{Text: "Nothing found about " + args.Query + ".", Structured: map[string]any{"results": hits}}, nil
	}
	var b strings.Builder
	for i, h := range hits {
		fmt.Fprintf(&b, "%d. %s", i+1, h.Text)
		if h.Title != "" {
			fmt.Fprintf(&b, " (%s: %s)", h.Source, h.Title)
		}
		b.WriteByte('\n')
	}
	return sdk.Result{Text: b.String(), Structured: map[string]any{"results": hits}}, nil
}

func main() {}
