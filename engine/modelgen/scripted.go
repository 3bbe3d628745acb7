package modelgen

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/quant"
)

// Scripted describes a model whose greedy answer to any prompt is a fixed
// text, for end-to-end tests that need a known answer to come through the
// real engine (a hostile one, say).
//
// How: the vocabulary holds the answer's pieces as whole tokens, each
// distinct, beside byte tokens for any prompt. Every block's attention
// output and feed-forward down projections are zero, so the residual
// stream stays the current token's embedding, a one-hot vector: the next
// token depends only on the current one. The output matrix maps each
// piece to the next one, the last to end-of-sequence, and every other
// token to the first piece.
type Scripted struct {
	Name         string
	Pieces       []string // the answer in order; each non-empty and distinct
	Context      int      // context length; 0 means 4096
	Loop         bool     // after the last piece, start again: the answer never ends by itself
	ChatTemplate string   // tokenizer.chat_template; "" means a ChatML template
}

// scriptedChatML is the default chat template of a scripted model.
const scriptedChatML = "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}" +
	"{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"

// Token ids of a scripted vocabulary: unk, bos, eos, 256 bytes, the pieces.
const (
	scriptUnk, scriptBOS, scriptEOS = 0, 1, 2
	scriptBytes                     = 3
	scriptFirstPiece                = scriptBytes + 256
)

// logitGap is the logit of the scripted next token over all others, after
// the final norm scales the one-hot state by sqrt(dim): far beyond what
// any sampling temperature in use can overcome.
const logitGap = 4

// WriteScripted writes the model s describes into a GGUF file at path.
func WriteScripted(path string, s Scripted) error {
	tokens, err := s.vocabulary()
	if err != nil {
		return err
	}
	vocab := len(tokens)
	dim := (vocab + 31) / 32 * 32
	const heads, ffn = 4, 32
	w := gguf.NewWriter()
	s.setMetadata(w, tokens, dim, heads, ffn)
	next := s.successors(vocab)
	zero := func(int, []float32) {}
	ones := func(_ int, row []float32) {
		for i := range row {
			row[i] = 1
		}
	}
	var addErr error
	add := func(name string, cols, rows int, fill func(int, []float32)) {
		shape := []uint64{uint64(cols)}
		if rows > 1 {
			shape = append(shape, uint64(rows))
		}
		if err := w.AddTensorFunc(name, quant.F32, shape, func(out io.Writer) error {
			return writeF32Rows(out, cols, rows, fill)
		}); err != nil && addErr == nil {
			addErr = err
		}
	}
	add("token_embd.weight", dim, vocab, func(r int, row []float32) { row[r] = 1 })
	add("output_norm.weight", dim, 1, ones)
	add("output.weight", dim, vocab, func(r int, row []float32) {
		for from, to := range next {
			if to == r {
				row[from] = logitGap
			}
		}
	})
	for _, t := range []struct {
		name       string
		cols, rows int
		fill       func(int, []float32)
	}{
		{"attn_norm.weight", dim, 1, ones}, {"attn_q.weight", dim, dim, zero}, {"attn_k.weight", dim, dim, zero},
		{"attn_v.weight", dim, dim, zero}, {"attn_output.weight", dim, dim, zero}, {"ffn_norm.weight", dim, 1, ones},
		{"ffn_gate.weight", dim, ffn, zero}, {"ffn_up.weight", dim, ffn, zero}, {"ffn_down.weight", ffn, dim, zero},
	} {
		add("blk.0."+t.name, t.cols, t.rows, t.fill)
	}
	if addErr != nil {
		return fmt.Errorf("modelgen: scripted: %w", addErr)
	}
	if err := w.WriteFile(path); err != nil {
		return fmt.Errorf("modelgen: scripted: %w", err)
	}
	return nil
}

// vocabulary returns the token texts: specials, bytes, then the pieces with
// spaces written as SentencePiece's "▁".
func (s Scripted) vocabulary() ([]string, error) {
	if len(s.Pieces) == 0 {
		return nil, fmt.Errorf("%w: a scripted model needs pieces", errSpec)
	}
	tokens := []string{"<unk>", "<s>", "</s>"}
	for b := range 256 {
		tokens = append(tokens, fmt.Sprintf("<0x%02X>", b))
	}
	seen := map[string]bool{}
	for _, t := range tokens {
		seen[t] = true
	}
	for i, p := range s.Pieces {
		t := strings.ReplaceAll(p, " ", "\u2581")
		if p == "" || seen[t] {
			return nil, fmt.Errorf("%w: piece %d (%q) is empty or not distinct", errSpec, i, p)
		}
		seen[t] = true
		tokens = append(tokens, t)
	}
	return tokens, nil
}

// successors maps each token to the token the model answers after it.
func (s Scripted) successors(vocab int) []int {
	next := make([]int, vocab)
	for i := range next {
		next[i] = scriptFirstPiece
	}
	for i := scriptFirstPiece; i < vocab-1; i++ {
		next[i] = i + 1
	}
	next[vocab-1] = scriptEOS
	if s.Loop {
		next[vocab-1] = scriptFirstPiece
	}
	return next
}

// setMetadata sets the llama architecture and SentencePiece tokenizer keys.
func (s Scripted) setMetadata(w *gguf.Writer, tokens []string, dim, heads, ffn int) {
	ctx := s.Context
	if ctx == 0 {
		ctx = 4096
	}
	name := s.Name
	if name == "" {
		name = "scripted"
	}
	tmpl := s.ChatTemplate
	if tmpl == "" {
		tmpl = scriptedChatML
	}
	w.Set("general.architecture", "llama")
	w.Set("general.name", name)
	w.Set("general.file_type", uint32(0))
	for _, kv := range []struct {
		key string
		v   int
	}{{"context_length", ctx}, {"embedding_length", dim}, {"block_count", 1}, {"feed_forward_length", ffn},
		{"attention.head_count", heads}, {"attention.head_count_kv", heads}, {"rope.dimension_count", dim / heads}} {
		w.Set("llama."+kv.key, uint32(kv.v))
	}
	w.Set("llama.attention.layer_norm_rms_epsilon", float32(1e-5))
	w.Set("llama.rope.freq_base", float32(10000))
	scores := make([]float32, len(tokens))
	types := make([]int32, len(tokens))
	for i := range tokens {
		switch {
		case i == scriptUnk:
			types[i] = 2
		case i < scriptBytes:
			types[i] = 3
		case i < scriptFirstPiece:
			types[i] = 6
		default:
			types[i], scores[i] = 1, -float32(i)
		}
	}
	w.Set("tokenizer.ggml.model", "llama")
	w.Set("tokenizer.ggml.tokens", tokens)
	w.Set("tokenizer.ggml.scores", scores)
	w.Set("tokenizer.ggml.token_type", types)
	w.Set("tokenizer.ggml.unknown_token_id", uint32(scriptUnk))
	w.Set("tokenizer.ggml.bos_token_id", uint32(scriptBOS))
	w.Set("tokenizer.ggml.eos_token_id", uint32(scriptEOS))
	w.Set("tokenizer.ggml.add_bos_token", true)
	w.Set("tokenizer.ggml.add_space_prefix", false)
	w.Set("tokenizer.chat_template", tmpl)
}

// writeF32Rows writes rows of cols float32 values, each filled by fill.
func writeF32Rows(out io.Writer, cols, rows int, fill func(int, []float32)) error {
	row := make([]float32, cols)
	buf := make([]byte, 4*cols)
	for r := range rows {
		clear(row)
		fill(r, row)
		for i, x := range row {
			binary.LittleEndian.PutUint32(buf[4*i:], math.Float32bits(x))
		}
		if _, err := out.Write(buf); err != nil {
			return err
		}
	}
	return nil
}
