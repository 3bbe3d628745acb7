package mcp

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/hearth-app/hearth/plugins/tool"
)

// Pin is one tool as the user accepted it: what the model and the user are
// shown, and its hash.
type Pin struct {
	Name         string            `json:"name"`
	Title        string            `json:"title,omitempty"`
	Description  string            `json:"description"`
	InputSchema  json.RawMessage   `json:"input_schema,omitempty"`
	OutputSchema json.RawMessage   `json:"output_schema,omitempty"`
	Annotations  *tool.Annotations `json:"annotations,omitempty"`
	Hash         string            `json:"hash"`
}

// pinOf returns t's pin. The hash covers every field a server could use to
// steer a model or mislead the user, in a canonical JSON encoding.
func pinOf(t tool.Tool) Pin {
	p := Pin{Name: t.Name, Title: t.Title, Description: t.Description,
		InputSchema: canonical(t.InputSchema), OutputSchema: canonical(t.OutputSchema), Annotations: t.Annotations}
	b, _ := json.Marshal(p)
	sum := sha256.Sum256(b)
	p.Hash = hex.EncodeToString(sum[:])
	return p
}

// canonical re-encodes JSON with sorted keys (encoding/json sorts map keys).
func canonical(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 {
		return nil
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return raw
	}
	b, _ := json.Marshal(v)
	return b
}

// Change is one tool that differs from what the user accepted.
type Change struct {
	Tool string `json:"tool"`
	// Kind is "added", "changed" or "removed".
	Kind string `json:"kind"`
	// Diff shows the old and new description and schemas, line by line.
	Diff string `json:"diff"`
}

// compare returns the changes from pinned to now, sorted by tool name.
func compare(pinned, now []Pin) []Change {
	old := make(map[string]Pin, len(pinned))
	for _, p := range pinned {
		old[p.Name] = p
	}
	var out []Change
	seen := make(map[string]bool, len(now))
	for _, p := range now {
		seen[p.Name] = true
		o, ok := old[p.Name]
		switch {
		case !ok:
			out = append(out, Change{Tool: p.Name, Kind: "added", Diff: lineDiff("", render(p))})
		case o.Hash != p.Hash:
			out = append(out, Change{Tool: p.Name, Kind: "changed", Diff: lineDiff(render(o), render(p))})
		}
	}
	for _, o := range pinned {
		if !seen[o.Name] {
			out = append(out, Change{Tool: o.Name, Kind: "removed", Diff: lineDiff(render(o), "")})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Tool < out[j].Tool })
	return out
}

// render shows a pin as indented JSON, without its hash.
func render(p Pin) string {
	p.Hash = ""
	b, _ := json.MarshalIndent(p, "", "  ")
	return string(b)
}

// lineDiff is a plain line diff ("-" old, "+" new, " " both) by longest
// common subsequence; descriptions are short, so quadratic is fine.
func lineDiff(a, b string) string {
	x, y := splitLines(a), splitLines(b)
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var sb strings.Builder
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			fmt.Fprintf(&sb, "  %s\n", x[i])
			i, j = i+1, j+1
		case j < len(y) && (i == len(x) || lcs[i][j+1] >= lcs[i+1][j]):
			fmt.Fprintf(&sb, "+ %s\n", y[j])
			j++
		default:
			fmt.Fprintf(&sb, "- %s\n", x[i])
			i++
		}
	}
	return sb.String()
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
