package embedded

import (
	"fmt"
	"path/filepath"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/model"
)

// ContextInfo is what a generative model's context and KV cache will be
// when it loads with some Options.
type ContextInfo struct {
	// Trained is the context the model was trained on.
	Trained int
	// Size is the context it gets: Options.ContextSize, at most Trained
	// (0: Trained, at most DefaultContext).
	Size int
	// KVCache is the cache type it gets: F16 where its heads do not take
	// Q8_0 blocks.
	KVCache model.CacheType
	// KVBytes is the memory of the KV cache once the context is full (it
	// grows with the conversation up to this).
	KVBytes int64
}

// Clamped reports whether the context asked for (want) was cut to the
// trained context.
func (c ContextInfo) Clamped(want int) bool { return want > c.Trained }

// ContextFor says what the generative model at path gets with opts, from
// its metadata alone: nothing is loaded, so it is cheap enough to ask
// before loading, or for a setting the person is choosing. An embedding
// model, which holds no KV cache, is an error wrapping
// engine.ErrUnsupported.
func ContextFor(path string, opts Options) (ContextInfo, error) {
	f, err := gguf.Open(path)
	if err != nil {
		return ContextInfo{}, fmt.Errorf("open %s: %w", filepath.Base(path), err)
	}
	defer f.Close()
	if model.IsEmbedding(f) {
		return ContextInfo{}, fmt.Errorf("%s is an embedding model, which has no KV cache: %w", filepath.Base(path), engine.ErrUnsupported)
	}
	c, err := model.ConfigFrom(f)
	if err != nil {
		return ContextInfo{}, fmt.Errorf("open %s: %w", filepath.Base(path), err)
	}
	info := ContextInfo{Trained: c.ContextLength, Size: contextSize(opts.ContextSize, c.ContextLength), KVCache: opts.KVCache}
	if !c.SupportsCache(info.KVCache) {
		info.KVCache = model.CacheF16 // as load falls back
	}
	info.KVBytes = c.KVBytes(info.KVCache, info.Size)
	return info, nil
}

// ContextFullError is a prompt the context cannot hold with room for an
// answer, with the numbers a person needs to choose a larger context. It
// matches engine.ErrContextFull.
type ContextFullError struct {
	Prompt  int // the prompt's tokens
	Context int // the tokens the context holds
	Trained int // the model's trained context, the most it can be given
}

func (e *ContextFullError) Error() string {
	return fmt.Sprintf("the prompt has %d tokens and the context holds %d, leaving no room for an answer: %v",
		e.Prompt, e.Context, engine.ErrContextFull)
}

// Is makes errors.Is(err, engine.ErrContextFull) true.
func (e *ContextFullError) Is(target error) bool { return target == engine.ErrContextFull }
