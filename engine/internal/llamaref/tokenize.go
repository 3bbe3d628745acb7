package llamaref

import (
	"encoding/json"
	"testing"
)

// TokenizeJob asks llama.cpp to tokenize texts with one GGUF vocabulary.
type TokenizeJob struct {
	Path  string   `json:"path"`
	Texts []string `json:"texts"`
	// Size, when positive, also asks for the single-token detokenization,
	// end-of-generation and control flags of ids 0..Size-1.
	Size int `json:"size,omitempty"`
}

// TokenizeResult is what llama.cpp says about one TokenizeJob.
type TokenizeResult struct {
	BOS    int32           `json:"bos"` // -1 where node-llama-cpp reports none
	EOS    int32           `json:"eos"`
	EOT    int32           `json:"eot"`
	AddBOS bool            `json:"addBos"`
	AddEOS bool            `json:"addEos"`
	Texts  []TokenizedText `json:"texts"`
	// Pieces holds llama_detokenize of each single id (when Size > 0);
	// SpecialPieces the same with unparse_special.
	Pieces        []string `json:"pieces"`
	SpecialPieces []string `json:"specialPieces"`
	EOG           []int32  `json:"eog"`
	Control       []int32  `json:"control"`
}

// TokenizedText is llama.cpp's tokenization of one text.
type TokenizedText struct {
	Plain          []int32 `json:"plain"`          // parse_special false
	Special        []int32 `json:"special"`        // parse_special true
	Decoded        string  `json:"decoded"`        // detokenization of Plain
	DecodedSpecial string  `json:"decodedSpecial"` // detokenization of Special
}

// Tokenize runs all jobs through llama.cpp in one Node process (its start-up
// takes seconds). It calls Require first. Strings cross as JSON, so invalid
// UTF-8 that llama.cpp's detokenizer produces arrives as U+FFFD.
func Tokenize(t testing.TB, jobs []TokenizeJob) []TokenizeResult {
	t.Helper()
	Require(t)
	out := runNode(t, "tokenize", "tokenize.mjs", map[string]any{"models": jobs})
	var res struct {
		Models []TokenizeResult `json:"models"`
	}
	if err := json.Unmarshal(out, &res); err != nil || len(res.Models) != len(jobs) {
		t.Fatalf("llamaref: tokenize: bad output (%v): %.200s", err, out)
	}
	return res.Models
}
