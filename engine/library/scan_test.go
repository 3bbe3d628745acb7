package library_test

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine/library"
)

// put writes a file with the given content, creating its directories.
func put(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

const ggufBytes = "GGUF\x03\x00\x00\x00rest of a model"

// ollamaLayout lays out an Ollama models directory with one model; the
// model's digest is the SHA-256 of tag.
func ollamaLayout(t *testing.T, dir, manifest, tag string) {
	digest := fmt.Sprintf("%x", sha256.Sum256([]byte(tag)))
	put(t, filepath.Join(dir, "blobs", "sha256-"+digest), ggufBytes)
	put(t, filepath.Join(dir, "blobs", "sha256-tmpl"), "{{ .Prompt }}")
	put(t, filepath.Join(dir, "manifests", filepath.FromSlash(manifest)), `{"schemaVersion":2,"layers":[
		{"mediaType":"application/vnd.ollama.image.template","digest":"sha256:tmpl","size":13},
		{"mediaType":"application/vnd.ollama.image.model","digest":"sha256:`+digest+`","size":19}]}`)
}

func TestScan(t *testing.T) {
	tests := []struct {
		name   string
		goos   string
		setup  func(t *testing.T, home, appdata string)
		getenv map[string]string
		want   []library.Found // Size is not compared
	}{
		{"linux apps", "linux", func(t *testing.T, home, _ string) {
			ollamaLayout(t, filepath.Join(home, ".ollama", "models"), "registry.ollama.ai/library/llama3.2/1b", "aaa")
			ollamaLayout(t, filepath.Join(home, ".ollama", "models"), "hf.co/bartowski/SmolLM2/latest", "bbb")
			put(t, filepath.Join(home, ".lmstudio", "models", "lmstudio-community", "Qwen2.5-GGUF", "Qwen2.5-0.5B-Q4_K_M.gguf"), ggufBytes)
			put(t, filepath.Join(home, ".lmstudio", "models", "x", "y", "mmproj-model-f16.gguf"), ggufBytes)
			put(t, filepath.Join(home, ".cache", "lm-studio", "models", "a", "b", "Old.gguf"), ggufBytes)
			put(t, filepath.Join(home, ".cache", "lm-studio", "models", "a", "b", "Fake.gguf"), "<html>")
			put(t, filepath.Join(home, "jan", "models", "tinyllama-1.1b", "model.gguf"), ggufBytes)
			put(t, filepath.Join(home, ".local", "share", "Jan", "data", "llamacpp", "models", "qwen3-4b", "model.gguf"), ggufBytes)
			put(t, filepath.Join(home, ".local", "share", "nomic.ai", "GPT4All", "Meta-Llama-3-8B-Instruct.Q4_0.gguf"), ggufBytes)
			put(t, filepath.Join(home, ".local", "share", "nomic.ai", "GPT4All", "localdocs_v2.db"), "sqlite")
		}, nil, []library.Found{
			{App: "GPT4All", Name: "meta-llama-3-8b-instruct.q4_0"},
			{App: "Jan", Name: "qwen3-4b"},
			{App: "Jan", Name: "tinyllama-1.1b"},
			{App: "LM Studio", Name: "old"},
			{App: "LM Studio", Name: "qwen2.5-0.5b-q4_k_m"},
			{App: "Ollama", Name: "hf.co-bartowski-smollm2-latest"},
			{App: "Ollama", Name: "llama3.2-1b"},
		}},
		{"OLLAMA_MODELS wins", "linux", func(t *testing.T, home, _ string) {
			ollamaLayout(t, filepath.Join(home, "elsewhere"), "registry.ollama.ai/library/qwen3/0.6b", "ccc")
			ollamaLayout(t, filepath.Join(home, ".ollama", "models"), "registry.ollama.ai/library/ignored/x", "ddd")
		}, map[string]string{"OLLAMA_MODELS": "<home>/elsewhere"}, []library.Found{
			{App: "Ollama", Name: "qwen3-0.6b"},
		}},
		{"macOS folders", "darwin", func(t *testing.T, home, _ string) {
			put(t, filepath.Join(home, "Library", "Application Support", "nomic.ai", "GPT4All", "a.gguf"), ggufBytes)
			put(t, filepath.Join(home, "Library", "Application Support", "Jan", "data", "models", "m1", "model.gguf"), ggufBytes)
		}, nil, []library.Found{{App: "GPT4All", Name: "a"}, {App: "Jan", Name: "m1"}}},
		{"Windows folders", "windows", func(t *testing.T, home, appdata string) {
			put(t, filepath.Join(appdata, "Local", "nomic.ai", "GPT4All", "b.gguf"), ggufBytes)
			put(t, filepath.Join(appdata, "Roaming", "Jan", "data", "models", "m2", "model.gguf"), ggufBytes)
		}, map[string]string{"LOCALAPPDATA": "<appdata>/Local", "APPDATA": "<appdata>/Roaming"},
			[]library.Found{{App: "GPT4All", Name: "b"}, {App: "Jan", Name: "m2"}}},
		{"nothing installed", "linux", func(*testing.T, string, string) {}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home, appdata := t.TempDir(), t.TempDir()
			tt.setup(t, home, appdata)
			getenv := func(k string) string {
				v := tt.getenv[k]
				if v == "" {
					return ""
				}
				r := map[string]string{"<home>": home, "<appdata>": appdata}
				for from, to := range r {
					if len(v) >= len(from) && v[:len(from)] == from {
						v = to + v[len(from):]
					}
				}
				return filepath.FromSlash(v)
			}
			var got []library.Found
			for _, f := range library.Scan(library.Env{Home: home, GOOS: tt.goos, Getenv: getenv}) {
				// Only what the test laid out: a real system-wide Ollama
				// install on this machine is not the test's business.
				if strings.HasPrefix(f.Path, home) || strings.HasPrefix(f.Path, appdata) {
					got = append(got, f)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("found %+v, want %+v", got, tt.want)
			}
			for i, f := range got {
				if f.App != tt.want[i].App || f.Name != tt.want[i].Name || f.Size != int64(len(ggufBytes)) {
					t.Errorf("found[%d] = %+v, want %+v", i, f, tt.want[i])
				}
				if _, err := os.Stat(f.Path); err != nil {
					t.Errorf("found[%d] path %s: %v", i, f.Path, err)
				}
			}
		})
	}
}
