package ollama_test

import (
	"testing"

	"github.com/hearth-app/hearth/engine/ollama/ollamatest"
)

// ref is the real Ollama server this test binary shares.
var ref *ollamatest.Env

func TestMain(m *testing.M) { ollamatest.Main(m, &ref) }
