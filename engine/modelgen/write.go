package modelgen

import (
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/quant"
)

// Write generates the model s describes into a GGUF file at path.
func Write(path string, s Spec) error {
	if err := s.normalize(); err != nil {
		return err
	}
	voc, err := gguf.Open(s.Vocab)
	if err != nil {
		return fmt.Errorf("modelgen: vocabulary: %w", err)
	}
	defer voc.Close()
	tokens, ok := voc.Strings("tokenizer.ggml.tokens")
	if !ok || len(tokens) == 0 {
		return fmt.Errorf("modelgen: %s has no tokenizer.ggml.tokens", s.Vocab)
	}
	ps, err := plan(s)
	if err != nil {
		return err
	}
	w := gguf.NewWriter()
	s.setMetadata(w, voc)
	for _, p := range s.mutate(ps, uint64(len(tokens))) {
		p := p
		if err := w.AddTensorFunc(p.name, p.typ, p.shape, func(out io.Writer) error {
			return s.generate(out, p)
		}); err != nil {
			return fmt.Errorf("modelgen: %w", err)
		}
	}
	if err := w.WriteFile(path); err != nil {
		return fmt.Errorf("modelgen: %w", err)
	}
	return nil
}

// setMetadata sets the general, architecture and tokenizer keys.
func (s Spec) setMetadata(w *gguf.Writer, voc *gguf.File) {
	a := s.Arch + "."
	if s.encoder() {
		s.setEncoderMetadata(w)
		s.setTokenizer(w, voc)
		return
	}
	w.Set("general.architecture", s.Arch)
	w.Set("general.name", s.Name)
	w.Set("general.file_type", s.fileType())
	w.Set("general.quantization_version", uint32(2))
	for _, kv := range s.config().Metadata() {
		w.Set(kv.Key, kv.Value)
	}
	if s.Pooling != "" {
		w.Set(a+"pooling_type", poolingTypes[s.Pooling])
	}
	s.setTokenizer(w, voc)
}

// setTokenizer copies the vocabulary's tokenizer keys and applies the
// spec's overrides and mutations.
func (s Spec) setTokenizer(w *gguf.Writer, voc *gguf.File) {
	for _, k := range voc.Keys() {
		if v, ok := voc.Value(k); ok && strings.HasPrefix(k, "tokenizer.") {
			w.Set(k, v)
		}
	}
	if s.Pre != "" {
		w.Set("tokenizer.ggml.pre", s.Pre)
	}
	if s.ChatTemplate != "" {
		w.Set("tokenizer.chat_template", s.ChatTemplate)
	}
	for _, k := range sortedKeys(s.Mutations.Set) {
		w.Set(k, s.Mutations.Set[k])
	}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// fileType is general.file_type as llama.cpp numbers its ftypes.
func (s Spec) fileType() uint32 {
	if s.Mix == "Q4_K_M" {
		return 15
	}
	return map[quant.Type]uint32{quant.F32: 0, quant.F16: 1, quant.Q4_0: 2, quant.Q4_1: 3, quant.Q8_0: 7,
		quant.Q5_0: 8, quant.Q5_1: 9, quant.Q4_K: 14, quant.Q5_K: 16, quant.Q6_K: 18, quant.BF16: 32}[s.Type]
}

// mutate sets the vocabulary size and applies the spec's mutations.
func (s Spec) mutate(ps []tensorPlan, vocab uint64) []tensorPlan {
	out := ps[:0]
	for _, p := range ps {
		if slices.Contains(s.Mutations.Drop, p.name) {
			continue
		}
		p.shape = slices.Clone(p.shape)
		for i := range p.shape {
			if p.shape[i] == 0 {
				p.shape[i] = vocab
			}
		}
		if sh, ok := s.Mutations.Reshape[p.name]; ok {
			p.shape = slices.Clone(sh)
		}
		out = append(out, p)
	}
	return out
}

// generate writes the data of tensor p, a band of rows at a time, a few
// bands generated and quantized in parallel. Each band has its own random
// stream (seeded by the spec's seed, the tensor's name and the band), so the
// file does not depend on the parallelism.
func (s Spec) generate(out io.Writer, p tensorPlan) error {
	cols := int(p.shape[0])
	rows := 1
	for _, d := range p.shape[1:] {
		rows *= int(d)
	}
	rowBytes, err := quant.RowBytes(p.typ, cols)
	if err != nil {
		return fmt.Errorf("tensor %s: %w", p.name, err)
	}
	switch p.init {
	case initRopeFreqs:
		return writeRows(out, p.typ, ropeFreqs(2*cols, float64(s.RopeBase)), rowBytes)
	case initRopeLong, initRopeShort:
		return writeRows(out, p.typ, longRopeFactors(cols, p.init == initRopeLong), rowBytes)
	}
	h := fnv.New64a()
	h.Write([]byte(p.name))
	stream := h.Sum64()
	band := max(1, (1<<16)/cols)
	bands := (rows + band - 1) / band
	workers := runtime.NumCPU()
	bufs := make([][]byte, workers)
	for first := 0; first < bands; first += workers {
		n := min(workers, bands-first)
		var wg sync.WaitGroup
		errs := make([]error, n)
		for w := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				b := first + w
				lines := min(band, rows-b*band)
				bufs[w], errs[w] = s.band(p, stream, uint64(b), lines*cols, lines*rowBytes, bufs[w])
			}()
		}
		wg.Wait()
		for w := range n {
			if errs[w] != nil {
				return fmt.Errorf("tensor %s: %w", p.name, errs[w])
			}
			if _, err := out.Write(bufs[w]); err != nil {
				return err
			}
		}
	}
	return nil
}

// band draws and quantizes one band of n values (size bytes quantized),
// reusing buf.
func (s Spec) band(p tensorPlan, stream, b uint64, n, size int, buf []byte) ([]byte, error) {
	rng := rand.New(rand.NewPCG(s.Seed^b*0x9e3779b97f4a7c15, stream))
	x := make([]float32, n)
	fill(rng, x, p)
	if cap(buf) < size {
		buf = make([]byte, size)
	}
	buf = buf[:size]
	return buf, quant.QuantizeInto(p.typ, buf, x)
}

// fill draws values for p.
func fill(rng *rand.Rand, x []float32, p tensorPlan) {
	for i := range x {
		switch p.init {
		case initNorm:
			x[i] = float32(1 + 0.05*rng.NormFloat64())
		default:
			x[i] = float32(p.scale * rng.NormFloat64())
		}
	}
}

// writeRows quantizes x to typ and writes it.
func writeRows(out io.Writer, typ quant.Type, x []float32, size int) error {
	b := make([]byte, size)
	if err := quant.QuantizeInto(typ, b, x); err != nil {
		return err
	}
	_, err := out.Write(b)
	return err
}
