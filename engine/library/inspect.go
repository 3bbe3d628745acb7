package library

import (
	"errors"
	"fmt"

	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/model"
)

// ErrNotModel reports a file that is not a GGUF model.
var ErrNotModel = errors.New("not a GGUF model file")

// Info is what a GGUF file says about its model.
type Info struct {
	Title         string `json:"title,omitempty"`        // general.name
	Architecture  string `json:"architecture,omitempty"` // general.architecture
	Quantization  string `json:"quantization,omitempty"` // from general.file_type, "Q4_K_M"
	Parameters    string `json:"parameters,omitempty"`   // general.size_label, "1.5B"
	ContextLength int    `json:"context_length,omitempty"`
	// Embedding is set for embedding models (see model.IsEmbedding), which
	// compute vectors and cannot chat.
	Embedding bool `json:"embedding,omitempty"`
}

// Inspect reads the metadata of the GGUF file at path.
func Inspect(path string) (Info, error) {
	f, err := gguf.Open(path)
	if err != nil {
		if errors.Is(err, gguf.ErrNotGGUF) || errors.Is(err, gguf.ErrCorrupt) || errors.Is(err, gguf.ErrUnsupportedVersion) {
			return Info{}, fmt.Errorf("%s: %w (%w)", path, ErrNotModel, err)
		}
		return Info{}, err
	}
	defer f.Close()
	info := Info{Architecture: f.Architecture(), Embedding: model.IsEmbedding(f)}
	info.Title, _ = f.String("general.name")
	info.Parameters, _ = f.String("general.size_label")
	if n, ok := f.Uint(info.Architecture + ".context_length"); ok {
		info.ContextLength = int(n)
	}
	if t, ok := f.Uint("general.file_type"); ok {
		info.Quantization = fileTypes[t]
	}
	if info.Architecture == "" {
		return Info{}, fmt.Errorf("%s: %w (no general.architecture)", path, ErrNotModel)
	}
	return info, nil
}

// fileTypes names llama.cpp's general.file_type values (enum llama_ftype).
var fileTypes = map[uint64]string{
	0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1",
	10: "Q2_K", 11: "Q3_K_S", 12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M",
	16: "Q5_K_S", 17: "Q5_K_M", 18: "Q6_K", 19: "IQ2_XXS", 20: "IQ2_XS", 21: "Q2_K_S",
	22: "IQ3_XS", 23: "IQ3_XXS", 24: "IQ1_S", 25: "IQ4_NL", 26: "IQ3_S", 27: "IQ3_M",
	28: "IQ2_S", 29: "IQ2_M", 30: "IQ4_XS", 31: "IQ1_M", 32: "BF16", 36: "TQ1_0", 37: "TQ2_0",
}
