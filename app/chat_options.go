package app

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/hearth-app/hearth/engine/library"
	"github.com/hearth-app/hearth/memory"
)

// Sealed settings the chat reads. The Settings and Memory views write the
// defaults and the memory switch.
const (
	defaultGenerationSetting = "defaults/generation"
	defaultModelSetting      = "defaults/model"
	memoryEnabledSetting     = "memory/enabled"
)

// ChatOptions are a conversation's model and generation settings.
type ChatOptions struct {
	Model       string  `json:"model"`
	Temperature float64 `json:"temperature"`
	TopP        float64 `json:"topP"`
	MaxTokens   int     `json:"maxTokens"`
	System      string  `json:"system"`
	// Documents puts passages of the document library into the prompt as
	// numbered sources; on by default when the library is not empty.
	Documents bool `json:"documents"`
}

// builtinOptions returns the options used when neither the conversation nor
// the defaults say otherwise.
func builtinOptions() ChatOptions {
	g := standardGeneration()
	return ChatOptions{Temperature: g.Temperature, TopP: g.TopP, MaxTokens: g.MaxTokens}
}

func optionsSetting(conv int64) string { return "chat/" + strconv.FormatInt(conv, 10) + "/options" }

// readChatOptions returns conversation conv's options: its own, else the
// defaults, else the built-in ones. Unreadable settings fall back quietly.
func readChatOptions(ctx context.Context, st *memory.Store, conv int64) ChatOptions {
	o := builtinOptions()
	readJSONSetting(ctx, st, defaultGenerationSetting, &o)
	if o.Model == "" {
		if b, err := st.Setting(ctx, defaultModelSetting); err == nil {
			o.Model = unquote(b)
		}
	}
	if o.Model == "" {
		o.Model = firstLibraryModel(ctx, st)
	}
	o.Documents = libraryHasFolders(ctx, st)
	if conv != 0 {
		readJSONSetting(ctx, st, optionsSetting(conv), &o)
	}
	return o
}

// libraryHasFolders reports whether the document library has a folder.
func libraryHasFolders(ctx context.Context, st *memory.Store) bool {
	srcs, err := st.Sources(ctx)
	return err == nil && len(srcs) > 0
}

// firstLibraryModel names the first chat model of the library ("" when
// there is none): the default when none was chosen (a model imported with
// the command line, say). Embedding models cannot chat.
func firstLibraryModel(ctx context.Context, st *memory.Store) string {
	dir, err := modelsDir()
	if err != nil {
		return ""
	}
	entries, err := library.New(dir, sealedSettings{ctx: ctx, st: st}).List()
	for _, e := range entries {
		if err == nil && !e.Missing && !isEmbeddingEntry(e) {
			return e.Name
		}
	}
	return ""
}

// unquote accepts a setting written as a JSON string or as plain text.
func unquote(b []byte) string {
	var s string
	if json.Unmarshal(b, &s) == nil {
		return s
	}
	return string(b)
}

func readJSONSetting(ctx context.Context, st *memory.Store, name string, v any) {
	if b, err := st.Setting(ctx, name); err == nil {
		_ = json.Unmarshal(b, v)
	}
}

// check refuses settings a model cannot use, by the same rules as the
// defaults the Settings view keeps.
func (o ChatOptions) check() error {
	return GenerationDefaults{Temperature: o.Temperature, TopP: o.TopP, MaxTokens: o.MaxTokens, System: o.System}.check()
}

// Options returns a conversation's model and settings (0: the defaults
// a new conversation gets).
func (s *ChatService) Options(conv int64) (ChatOptions, error) {
	var o ChatOptions
	err := s.vault.Use(func(st *memory.Store) error {
		o = readChatOptions(context.Background(), st, conv)
		return nil
	})
	return o, err
}

// SetOptions keeps a conversation's model and settings, sealed.
func (s *ChatService) SetOptions(conv int64, o ChatOptions) error {
	if err := o.check(); err != nil {
		return err
	}
	b, err := json.Marshal(o)
	if err != nil {
		return err
	}
	ctx := context.Background()
	return s.vault.Use(func(st *memory.Store) error {
		if _, err := st.Conversation(ctx, conv); err != nil {
			return conversationError(err)
		}
		return st.SetSetting(ctx, optionsSetting(conv), b)
	})
}

// memoryEnabled reports whether memories go into the system prompt (on
// unless the Memory view turned them off).
func memoryEnabled(ctx context.Context, st *memory.Store) bool {
	b, err := st.Setting(ctx, memoryEnabledSetting)
	return err != nil || unquote(b) != "off"
}
