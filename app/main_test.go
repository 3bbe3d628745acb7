package app_test

import (
	"testing"

	"github.com/hearth-app/hearth/engine/ollama/ollamatest"
)

// ollamaRef is the real Ollama server (with the stories model) this test binary shares.
var ollamaRef *ollamatest.Env

func TestMain(m *testing.M) { ollamatest.Main(m, &ollamaRef) }
