package openai

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"math"
	"net/http"
)

// embeddingRequest is the body of POST /v1/embeddings.
type embeddingRequest struct {
	Model          string          `json:"model"`
	Input          json.RawMessage `json:"input"`
	EncodingFormat string          `json:"encoding_format"`
}

// texts reads the input: a string or an array of strings (arrays of token
// ids are not supported).
func (e embeddingRequest) texts() ([]string, error) {
	var s string
	if json.Unmarshal(e.Input, &s) == nil {
		return []string{s}, nil
	}
	var ss []string
	if json.Unmarshal(e.Input, &ss) == nil && len(ss) > 0 {
		return ss, nil
	}
	return nil, errors.New("input must be a string or a non-empty array of strings")
}

type embedding struct {
	Object    string `json:"object"`
	Index     int    `json:"index"`
	Embedding any    `json:"embedding"` // []float32, or a base64 string
}

// embeddings serves POST /v1/embeddings.
func (s *Server) embeddings(w http.ResponseWriter, r *http.Request) {
	var body embeddingRequest
	if !s.decode(w, r, &body) {
		return
	}
	texts, err := body.texts()
	if err == nil && body.Model == "" {
		err = errors.New("model is required")
	}
	if err == nil && body.EncodingFormat != "" && body.EncodingFormat != "float" && body.EncodingFormat != "base64" {
		err = errors.New(`encoding_format must be "float" or "base64"`)
	}
	if err != nil {
		badRequest(w, err.Error())
		return
	}
	var ok bool
	if body.Model, ok = s.model(w, r, body.Model); !ok {
		return
	}
	leave, ok := s.turn(w, r)
	if !ok {
		return
	}
	defer leave()
	vecs, err := s.backend.Embed(r.Context(), body.Model, texts)
	if err != nil {
		backendError(w, s.log, err)
		return
	}
	data := make([]embedding, len(vecs))
	for i, v := range vecs {
		data[i] = embedding{Object: "embedding", Index: i, Embedding: v}
		if body.EncodingFormat == "base64" {
			data[i].Embedding = encodeBase64(v)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"object": "list", "data": data, "model": body.Model,
		"usage": map[string]int{"prompt_tokens": 0, "total_tokens": 0},
	})
}

// encodeBase64 writes a vector as OpenAI does: little-endian float32s,
// base64-encoded.
func encodeBase64(v []float32) string {
	b := make([]byte, 4*len(v))
	for i, f := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(f))
	}
	return base64.StdEncoding.EncodeToString(b)
}
