package openai_test

import (
	"testing"

	"github.com/hearth-app/hearth/engine/ollama/ollamatest"
)

// ref is the real Ollama server this test binary shares; its /v1 API is
// the OpenAI-compatible server the backend is tested against.
var ref *ollamatest.Env

func TestMain(m *testing.M) { ollamatest.Main(m, &ref) }
