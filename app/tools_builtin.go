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
// and time, searching the user's documents, and searching and adding
// memories. Searching reads only, so it runs without asking; adding a
// memory asks first. use lends the store for each call (the vault's Use in
// the window, the open store on the command line).
type builtinTools struct {
	use func(func(*memory.Store) error) error
	now func() time.Time
}

// storeUser lends an open store, for builtinTools.use.
func storeUser(st *memory.Store) func(func(*memory.Store) error) error {
	return func(fn func(*memory.Store) error) error { return fn(st) }
}

var _ tool.Provider = builtinTools{}

// Names of the built-in tools.
const (
	toolCurrentTime    = "current_time"
	toolSearchMemories = "search_memories"
	toolSearchDocs     = "search_documents"
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
		mk(toolSearchDocs, "Search the user's documents (the folders they added to Hearth's library) and return matching passages with their file.", tool.RiskRead,
			`{"type":"object","properties":{"query":{"type":"string","description":"words to look for"},"limit":{"type":"integer","minimum":1,"maximum":10}},"required":["query"]}`),
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
	case toolSearchDocs:
		out, err = b.searchDocuments(ctx, args)
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
	var mems []memory.Memory
	err := b.use(func(st *memory.Store) (err error) {
		mems, err = st.RelevantMemories(ctx, in.Query, in.Limit)
		return err
	})
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
	var m memory.Memory
	err := b.use(func(st *memory.Store) (err error) {
		m, err = st.AddMemory(ctx, strings.TrimSpace(in.Text), memory.Source{})
		return err
	})
	if err != nil {
		return nil, err
	}
	return map[string]any{"id": m.ID, "remembered": m.Text}, nil
}

// maxDocHits and maxDocText bound what search_documents returns.
const (
	maxDocHits = 10
	maxDocText = 1500
)

// searchDocuments finds passages of the user's documents matching
// {"query", "limit"}.
func (b builtinTools) searchDocuments(ctx context.Context, args json.RawMessage) (any, error) {
	var in struct {
		Query string `json:"query"`
		Limit int    `json:"limit"`
	}
	if err := json.Unmarshal(args, &in); err != nil || strings.TrimSpace(in.Query) == "" {
		return nil, fmt.Errorf("%s needs a \"query\"", toolSearchDocs)
	}
	if in.Limit <= 0 || in.Limit > maxDocHits {
		in.Limit = 5
	}
	var hits []memory.DocHit
	err := b.use(func(st *memory.Store) (err error) {
		hits, err = st.SearchDocuments(ctx, in.Query, in.Limit)
		return err
	})
	if err != nil {
		return nil, err
	}
	type passage struct {
		File     string          `json:"file"`
		Location memory.Location `json:"location"`
		Text     string          `json:"text"`
	}
	out := make([]passage, len(hits))
	for i, h := range hits {
		text := h.Text
		if len(text) > maxDocText {
			text = strings.ToValidUTF8(text[:maxDocText], "") + "…"
		}
		out[i] = passage{h.Path, h.Location, text}
	}
	return map[string]any{"passages": out}, nil
}
