package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/plugins/tool"
)

// builtinTools are Hearth's own tools (source "hearth"): the current date
// and time, and searching and adding memories. Searching reads only, so it
// runs without asking; adding a memory asks first. Document search joins
// them once the document library exists.
type builtinTools struct {
	st  *memory.Store
	now func() time.Time
}

var _ tool.Provider = builtinTools{}

// Names of the built-in tools.
const (
	toolCurrentTime    = "current_time"
	toolSearchMemories = "search_memories"
	toolAddMemory      = "add_memory"
)

// maxMemoryHits bounds what search_memories returns.
const maxMemoryHits = 20

// Source returns "hearth".
func (builtinTools) Source() string { return tool.SourceHearth }

// Tools lists the built-ins.
func (builtinTools) Tools(context.Context) ([]tool.Tool, error) {
	mk := func(name, desc string, risk tool.Risk, schema string) tool.Tool {
		return tool.Tool{Source: tool.SourceHearth, Name: name, Description: desc,
			InputSchema: json.RawMessage(schema), Trust: tool.TrustBuiltin, Risk: risk}
	}
	return []tool.Tool{
		mk(toolCurrentTime, "The current date and time, with the time zone.", tool.RiskRead,
			`{"type":"object","properties":{}}`),
		mk(toolSearchMemories, "Search what the user asked Hearth to remember about them.", tool.RiskRead,
			`{"type":"object","properties":{"query":{"type":"string","description":"words to look for"},"limit":{"type":"integer","minimum":1,"maximum":20}},"required":["query"]}`),
		mk(toolAddMemory, "Remember a fact about the user for later conversations (the user is asked first).", tool.RiskWrite,
			`{"type":"object","properties":{"text":{"type":"string","description":"the fact, in one sentence"}},"required":["text"]}`),
	}, nil
}

// Call runs a built-in.
func (b builtinTools) Call(ctx context.Context, name string, args json.RawMessage) (tool.Result, error) {
	var out any
	var err error
	switch name {
	case toolCurrentTime:
		now := b.now()
		out = map[string]string{"time": now.Format(time.RFC3339), "weekday": now.Weekday().String(), "zone": now.Location().String()}
	case toolSearchMemories:
		out, err = b.searchMemories(ctx, args)
	case toolAddMemory:
		out, err = b.addMemory(ctx, args)
	default:
		return tool.Result{}, fmt.Errorf("hearth has no tool %q: %w", name, tool.ErrNotFound)
	}
	if err != nil {
		return tool.Result{}, err
	}
	b2, err := json.Marshal(out)
	if err != nil {
		return tool.Result{}, err
	}
	return tool.Result{Text: string(b2), Structured: b2, Size: len(b2)}, nil
}

// searchMemories finds memories matching {"query", "limit"}.
func (b builtinTools) searchMemories(ctx context.Context, args json.RawMessage) (any, error) {
	var in struct {
		Query string `json:"query"`
		Limit int    `json:"limit"`
	}
	if err := json.Unmarshal(args, &in); err != nil || strings.TrimSpace(in.Query) == "" {
		return nil, fmt.Errorf("%s needs a \"query\"", toolSearchMemories)
	}
	if in.Limit <= 0 || in.Limit > maxMemoryHits {
		in.Limit = maxMemoryHits
	}
	mems, err := b.st.RelevantMemories(ctx, in.Query, in.Limit)
	if err != nil {
		return nil, err
	}
	type hit struct {
		ID   int64  `json:"id"`
		Text string `json:"text"`
	}
	hits := make([]hit, len(mems))
	for i, m := range mems {
		hits[i] = hit{m.ID, m.Text}
	}
	return map[string]any{"memories": hits}, nil
}

// addMemory stores {"text"} as a memory.
func (b builtinTools) addMemory(ctx context.Context, args json.RawMessage) (any, error) {
	var in struct {
		Text string `json:"text"`
	}
	if err := json.Unmarshal(args, &in); err != nil || strings.TrimSpace(in.Text) == "" {
		return nil, fmt.Errorf("%s needs a \"text\"", toolAddMemory)
	}
	m, err := b.st.AddMemory(ctx, strings.TrimSpace(in.Text), memory.Source{})
	if err != nil {
		return nil, err
	}
	return map[string]any{"id": m.ID, "remembered": m.Text}, nil
}
