package library

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Ollama keeps models as content-addressed blobs: a manifest per model at
// manifests/<registry>/<namespace>/<model>/<tag> lists its layers, and the
// layer of media type application/vnd.ollama.image.model is the GGUF file,
// stored at blobs/sha256-<hex>.

const ollamaModelLayer = "application/vnd.ollama.image.model"

type ollamaManifest struct {
	Layers []struct {
		MediaType string `json:"mediaType"`
		Digest    string `json:"digest"`
		Size      int64  `json:"size"`
	} `json:"layers"`
}

// scanOllama lists the models of the Ollama models directory dir.
func scanOllama(dir string) []Found {
	root := filepath.Join(dir, "manifests")
	var found []Found
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return nil
		}
		if f, ok := ollamaModel(dir, p, filepath.ToSlash(rel)); ok {
			found = append(found, f)
		}
		return nil
	})
	return found
}

// ollamaModel reads one manifest and finds its model blob.
func ollamaModel(dir, manifest, rel string) (Found, bool) {
	parts := strings.Split(rel, "/")
	if len(parts) != 4 {
		return Found{}, false
	}
	b, err := os.ReadFile(manifest)
	if err != nil {
		return Found{}, false
	}
	var m ollamaManifest
	if json.Unmarshal(b, &m) != nil {
		return Found{}, false
	}
	for _, l := range m.Layers {
		if l.MediaType != ollamaModelLayer {
			continue
		}
		blob := filepath.Join(dir, "blobs", strings.Replace(l.Digest, ":", "-", 1))
		if size, ok := ggufSize(blob); ok {
			return Found{App: "Ollama", Name: NameFor(strings.ReplaceAll(ollamaName(parts), "/", "-")), Path: blob, Size: size}, true
		}
	}
	return Found{}, false
}

// ollamaName writes a model's name the way Ollama shows it: "llama3.2:1b"
// for the default registry and namespace, "user/model:tag" for another
// namespace, "host/user/model:tag" for another registry.
func ollamaName(parts []string) string {
	host, ns, model, tag := parts[0], parts[1], parts[2], parts[3]
	name := model + ":" + tag
	if ns != "library" || host != "registry.ollama.ai" {
		name = ns + "/" + name
	}
	if host != "registry.ollama.ai" {
		name = host + "/" + name
	}
	return name
}
