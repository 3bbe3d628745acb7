package app

import (
	"fmt"
	"strings"

	"github.com/hearth-app/hearth/engine/embedded"
)

// EngineEstimate is what engine settings mean for the default model: the
// context it gets and the memory its KV cache takes when the context is
// full.
type EngineEstimate struct {
	Model   string `json:"model"`   // the default model; "" when none is chosen
	Trained int    `json:"trained"` // its trained context; 0 when unknown
	Context int    `json:"context"` // the context it gets; 0 when unknown
	KVCache string `json:"kvCache"` // the cache type it gets
	KVBytes int64  `json:"kvBytes"` // the KV cache's memory, context full
	// Note says, in a sentence, what the estimate cannot show: a context
	// cut to the trained one, a cache kept F16, a model elsewhere.
	Note string `json:"note"`
}

// EngineEstimate tells what e would give the default model. It reads the
// model file's metadata only, so the window may ask as the person types.
func (s *SettingsService) EngineEstimate(e EngineSettings) (EngineEstimate, error) {
	e.KVCache = strings.ToLower(e.KVCache)
	if err := e.check(); err != nil {
		return EngineEstimate{}, err
	}
	name, _, err := s.settings.get(defaultModelSetting)
	if err != nil || len(name) == 0 {
		return EngineEstimate{}, err
	}
	est := EngineEstimate{Model: string(name)}
	if strings.HasPrefix(est.Model, ollamaPrefix) || strings.HasPrefix(est.Model, openaiPrefix) {
		est.Note = fmt.Sprintf("%s runs outside Hearth's engine, which sets its own context.", est.Model)
		return est, nil
	}
	path, err := vaultCatalog{vault: s.vault}.Resolve(est.Model)
	if err != nil {
		est.Note = fmt.Sprintf("%s is not installed.", est.Model)
		return est, nil
	}
	info, err := embedded.ContextFor(path, e.options())
	if err != nil {
		est.Note = fmt.Sprintf("Hearth cannot read %s: %v.", est.Model, err)
		return est, nil
	}
	est.Trained, est.Context, est.KVCache, est.KVBytes = info.Trained, info.Size, info.KVCache.String(), info.KVBytes
	est.Note = contextNote(est.Model, e, info)
	return est, nil
}

// contextNote says where what model gets differs from what e asks: a
// context cut to the trained one, a Q8_0 cache its heads cannot take. ""
// when it gets what was asked.
func contextNote(model string, e EngineSettings, info embedded.ContextInfo) string {
	var notes []string
	if info.Clamped(e.Context) {
		notes = append(notes, fmt.Sprintf("%s was trained on %s tokens, so it gets %s, not %s.",
			model, groupDigits(info.Trained), groupDigits(info.Size), groupDigits(e.Context)))
	}
	if e.KVCache != info.KVCache.String() {
		notes = append(notes, fmt.Sprintf("%s keeps an %s KV cache: its attention heads do not divide into %s blocks.",
			model, strings.ToUpper(info.KVCache.String()), strings.ToUpper(e.KVCache)))
	}
	return strings.Join(notes, " ")
}

// groupDigits writes n with thousands separated by commas: 32,768.
func groupDigits(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + groupDigits(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
