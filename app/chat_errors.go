package app

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/embedded"
)

// Kinds of chat failure the window tells apart.
const (
	failModelMissing = "model-missing"
	failOutOfMemory  = "out-of-memory"
	failContextFull  = "context-full"
	failBackendDown  = "backend-down"
	failUnsupported  = "unsupported"
	failLocked       = "locked"
	failOther        = "other"
)

// chatError turns a generation error into one sentence for the window,
// and its kind.
func chatError(err error, model string) (string, string) {
	if strings.HasPrefix(model, openaiPrefix) {
		return serverChatError(err)
	}
	name := strings.TrimPrefix(model, ollamaPrefix)
	switch {
	case errors.Is(err, engine.ErrModelNotFound):
		return fmt.Sprintf("The model %q is not installed: pick another model or add it in Models.", name), failModelMissing
	case errors.Is(err, engine.ErrOutOfMemory):
		return fmt.Sprintf("This computer does not have enough free memory for %q: try a smaller model or close other apps.", name), failOutOfMemory
	case errors.Is(err, engine.ErrContextFull):
		return contextFullSentence(err), failContextFull
	case errors.Is(err, engine.ErrBackendDown):
		return "Ollama is not running: start it, or pick a model that runs inside Hearth.", failBackendDown
	case errors.Is(err, engine.ErrUnsupported):
		return fmt.Sprintf("Hearth cannot run %q: pick another model.", name), failUnsupported
	case errors.Is(err, ErrLocked):
		return "Hearth locked before the answer could be saved: unlock it and try again.", failLocked
	}
	return "The answer failed: " + err.Error() + ".", failOther
}

// contextFullSentence says that the conversation does not fit, with the
// numbers when the embedded engine gives them, and whether raising the
// context length in Settings would help.
func contextFullSentence(err error) string {
	var full *embedded.ContextFullError
	switch {
	case !errors.As(err, &full):
		return "This conversation is too long for the model: start a new chat, or edit an earlier message."
	case full.Context < full.Trained:
		return fmt.Sprintf("This conversation is %s tokens long and the model's context holds %s, answer included: raise the context length in Settings (the model was trained on %s), start a new chat, or edit an earlier message.",
			groupDigits(full.Prompt), groupDigits(full.Context), groupDigits(full.Trained))
	}
	return fmt.Sprintf("This conversation is %s tokens long and the model holds at most %s, answer included (the context it was trained on): start a new chat, or edit an earlier message.",
		groupDigits(full.Prompt), groupDigits(full.Context))
}

// serverChatError is chatError for a model on the OpenAI-compatible
// server: the backend's own sentence, which names the server, and the kind.
func serverChatError(err error) (string, string) {
	kind := failOther
	for _, k := range []struct {
		err  error
		kind string
	}{{engine.ErrModelNotFound, failModelMissing}, {engine.ErrOutOfMemory, failOutOfMemory}, {engine.ErrContextFull, failContextFull},
		{engine.ErrBackendDown, failBackendDown}, {engine.ErrUnsupported, failUnsupported}, {ErrLocked, failLocked}} {
		if errors.Is(err, k.err) {
			kind = k.kind
			break
		}
	}
	msg := userSentence(err)
	if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	if !strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, "?") {
		msg += "."
	}
	return msg, kind
}
