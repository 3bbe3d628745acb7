package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strings"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/hearth-app/hearth/engine/model"
	"github.com/hearth-app/hearth/memory"
)

// engineSetting is where the embedded engine's settings are kept, sealed.
const engineSetting = "engine/embedded"

// Bounds of a chosen context length. Below minContext a chat with a system
// prompt and a document passage hardly fits; maxContext is above any
// trained context in use (Qwen2.5's 1M models hold 1,010,000 tokens), so
// a larger number is a mistake, not a wish.
const (
	minContext = 512
	maxContext = 1 << 20
)

// EngineSettings are how the embedded engine loads chat models: the
// context length and the type of the KV cache.
type EngineSettings struct {
	// Context is the most tokens a conversation (prompt and answer) may
	// hold; 0 is automatic: the model's trained context, at most
	// embedded.DefaultContext. A model trained on fewer gets its own.
	Context int `json:"context"`
	// KVCache is "f16" or "q8_0" (about half the memory).
	KVCache string `json:"kvCache"`
}

// standardEngine is the engine's settings before the person changes them.
func standardEngine() EngineSettings { return EngineSettings{KVCache: model.CacheF16.String()} }

// check says what is wrong with e, in one sentence.
func (e EngineSettings) check() error {
	if e.Context != 0 && (e.Context < minContext || e.Context > maxContext) {
		return fmt.Errorf("the context length must be between %d and %d tokens, or automatic", minContext, maxContext)
	}
	if _, err := model.ParseCacheType(e.KVCache); err != nil {
		return errors.New("the KV cache must be f16 or q8_0")
	}
	return nil
}

// describe says e in a few words: "context 8192 tokens, KV cache q8_0".
func (e EngineSettings) describe() string {
	ctx := "context automatic"
	if e.Context > 0 {
		ctx = fmt.Sprintf("context %d tokens", e.Context)
	}
	return ctx + ", KV cache " + e.KVCache
}

// options are the embedded engine's load options for e (which check
// accepted).
func (e EngineSettings) options() embedded.Options {
	kv, _ := model.ParseCacheType(e.KVCache)
	return embedded.Options{ContextSize: e.Context, KVCache: kv}
}

// readEngineSettings returns the kept settings, or the standard ones when
// none (or none valid) are kept.
func readEngineSettings(get settingGetter) (EngineSettings, error) {
	e := standardEngine()
	b, ok, err := get(engineSetting)
	if err != nil || !ok {
		return e, err
	}
	var kept EngineSettings
	if json.Unmarshal(b, &kept) == nil {
		kept.KVCache = strings.ToLower(kept.KVCache)
		if kept.check() == nil {
			e = kept
		}
	}
	return e, nil
}

// Engine returns the embedded engine's settings.
func (s *SettingsService) Engine() (EngineSettings, error) {
	return readEngineSettings(s.settings.get)
}

// SetEngine keeps the embedded engine's settings. The window's chats and
// API server load their model again with them at the next request.
func (s *SettingsService) SetEngine(e EngineSettings) error {
	e.KVCache = strings.ToLower(e.KVCache)
	if err := e.check(); err != nil {
		return err
	}
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	return s.settings.put(engineSetting, b)
}

// engineWithSettings is the embedded engine as the window runs it: before
// each request it takes the settings kept in the store, so a change made
// in Settings applies at the next answer without a restart (the answer in
// flight, if any, ends first: see embedded.Backend.SetOptions).
type engineWithSettings struct {
	*embedded.Backend
	settings settingGetter
}

// newEngineWithSettings returns the embedded engine over catalog, loading
// models as the settings read through get say.
func newEngineWithSettings(catalog embedded.Catalog, get settingGetter) engineWithSettings {
	return engineWithSettings{Backend: embedded.NewBackend(catalog, embedded.Options{}), settings: get}
}

// Generate applies the kept settings, then answers req. While the store is
// locked the settings cannot be read and the loaded model stays as it is.
func (e engineWithSettings) Generate(ctx context.Context, req engine.Request) iter.Seq2[engine.Chunk, error] {
	return func(yield func(engine.Chunk, error) bool) {
		if s, err := readEngineSettings(e.settings); err == nil {
			e.SetOptions(s.options())
		}
		for c, err := range e.Backend.Generate(ctx, req) {
			if !yield(c, err) {
				return
			}
		}
	}
}

// quietSettings reads the sealed settings through the vault without
// counting as the person's activity (for the API server, whose requests
// must not hold off the auto-lock).
func quietSettings(v *Vault) settingGetter {
	return func(name string) (val []byte, ok bool, err error) {
		err = v.useQuietly(func(st *memory.Store) error {
			val, ok, err = storeSettings(context.Background(), st)(name)
			return err
		})
		return val, ok, err
	}
}
