package library

import (
	"encoding/json"
	"fmt"
	"io"
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

// maxOllamaManifest bounds the manifest a scan reads; real ones are under
// 2 KiB.
const maxOllamaManifest = 1 << 20

// scanOllama lists the models of the Ollama models directory dir, and the
// manifests it skipped with the reason why.
func scanOllama(dir string) ([]Found, []Skipped) {
	root := filepath.Join(dir, "manifests")
	var found []Found
	var skipped []Skipped
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return nil
		}
		f, ok, err := ollamaModel(dir, p, filepath.ToSlash(rel))
		switch {
		case err != nil:
			skipped = append(skipped, Skipped{App: "Ollama", Path: p, Reason: err.Error()})
		case ok:
			found = append(found, f)
		}
		return nil
	})
	return found, skipped
}

// ollamaModel reads one manifest and finds its model blob. A manifest that
// is not one (a stray file, a half-written one) is passed over silently; a
// manifest whose model layer names an invalid digest is an error, and no
// path is ever built from such a digest.
func ollamaModel(dir, manifest, rel string) (Found, bool, error) {
	parts := strings.Split(rel, "/")
	if len(parts) != 4 {
		return Found{}, false, nil
	}
	b, err := readSmall(manifest, maxOllamaManifest)
	if err != nil {
		return Found{}, false, nil
	}
	var m ollamaManifest
	if json.Unmarshal(b, &m) != nil {
		return Found{}, false, nil
	}
	for _, l := range m.Layers {
		if l.MediaType != ollamaModelLayer {
			continue
		}
		hex, err := ollamaDigest(l.Digest)
		if err != nil {
			return Found{}, false, err
		}
		blob := filepath.Join(dir, "blobs", "sha256-"+hex)
		if size, ok := ggufSize(blob); ok {
			return Found{App: "Ollama", Name: NameFor(strings.ReplaceAll(ollamaName(parts), "/", "-")), Path: blob, Size: size}, true, nil
		}
	}
	return Found{}, false, nil
}

// ollamaDigest checks a layer digest, "sha256:" and exactly 64 lowercase hex
// digits as Ollama writes them, and returns the hex digits.
func ollamaDigest(d string) (string, error) {
	hex, ok := strings.CutPrefix(d, "sha256:")
	if !ok || len(hex) != 64 || strings.Trim(hex, "0123456789abcdef") != "" {
		return "", fmt.Errorf("the manifest's model digest %.80q is not sha256: and 64 hex digits", d)
	}
	return hex, nil
}

// readSmall reads a file of at most limit bytes.
func readSmall(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(b)) > limit {
		err = fmt.Errorf("%s is larger than %d bytes", path, limit)
	}
	return b, err
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
