package embedded

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/chattemplate"
	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/kernel"
	"github.com/hearth-app/hearth/engine/model"
	"github.com/hearth-app/hearth/engine/tokenizer"
)

// DefaultContext is the context size when Options.ContextSize is 0 and the
// model was trained on a longer one: it bounds the KV cache a laptop must
// hold (the cache grows with use, up to this size).
const DefaultContext = 4096

// Options configure how a model is loaded.
type Options struct {
	// ContextSize is the most tokens a sequence (prompt and answer) may hold;
	// 0 means the model's trained context, at most DefaultContext.
	ContextSize int
	// Threads is the number of threads when a request does not say; 0 means
	// one per CPU.
	Threads int
	// KVCache is the type of the KV cache: model.CacheF16 (the zero value)
	// or model.CacheQ8_0, about half the memory, for long contexts. A model
	// whose head size is not a multiple of 32 keeps F16.
	KVCache model.CacheType
}

// Model is a loaded model ready to generate. Its methods are safe for
// concurrent use; generations run one at a time.
type Model struct {
	path string
	file *gguf.File
	net  *model.Model // nil for an encoder, which only embeds
	emb  *model.Embedder
	// embErr is why the model cannot embed (a decoder with a pooling
	// Hearth does not run); nil when emb is set.
	embErr error
	tok    *tokenizer.Tokenizer
	tmpl   *chattemplate.Template
	// tmplErr is why the model's template cannot be used (raw prompts
	// still work).
	tmplErr error
	info    engine.ModelInfo
	bos     string // text of the BOS token, for templates
	eos     string // text of the EOS token, for templates
	opts    Options
	mu      sync.Mutex // held by a generation
	pool    *kernel.Pool
	sess    *model.Session
	close   sync.Once
	closed  bool // set under mu by Close
}

// Open loads the GGUF model at path. The file stays memory-mapped until
// Close.
func Open(path string, opts Options) (*Model, error) {
	f, err := gguf.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", filepath.Base(path), err)
	}
	m, err := load(path, f, opts)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("open %s: %w", filepath.Base(path), err)
	}
	return m, nil
}

// load builds a Model on an open file: a generative model (which can also
// embed, read at its last token), or an encoder that only embeds.
func load(path string, f *gguf.File, opts Options) (*Model, error) {
	if model.IsEncoder(f.Architecture()) {
		return loadEncoder(path, f, opts)
	}
	net, err := model.Load(f)
	if err != nil {
		return nil, err
	}
	tok, err := loadTokenizer(f, net.Vocab())
	if err != nil {
		return nil, err
	}
	tmpl, tmplErr := template(f)
	m := &Model{path: path, file: f, net: net, tok: tok, tmpl: tmpl, tmplErr: tmplErr, opts: opts,
		bos: piece(tok, tok.BOS()), eos: piece(tok, tok.EOS())}
	m.emb, m.embErr = model.LoadEmbedder(f)
	m.pool = kernel.NewPool(opts.Threads)
	ctx := contextSize(opts.ContextSize, net.Config.ContextLength)
	m.sess, err = net.NewSessionKV(ctx, opts.KVCache, m.pool)
	if errors.Is(err, model.ErrCacheUnsupported) {
		// A smaller cache is a preference set for every model; one whose
		// heads Q8_0 blocks cannot cut keeps the F16 cache (the stats say
		// which bytes it takes).
		m.sess, err = net.NewSession(ctx, m.pool), nil
	}
	if err != nil {
		m.pool.Close()
		return nil, err
	}
	m.info = m.describe()
	return m, nil
}

// loadEncoder builds a Model that only embeds.
func loadEncoder(path string, f *gguf.File, opts Options) (*Model, error) {
	emb, err := model.LoadEmbedder(f)
	if err != nil {
		return nil, err
	}
	tok, err := loadTokenizer(f, emb.Vocab())
	if err != nil {
		return nil, err
	}
	m := &Model{path: path, file: f, emb: emb, tok: tok, opts: opts}
	m.pool = kernel.NewPool(opts.Threads)
	m.info = m.describe()
	return m, nil
}

// loadTokenizer reads the file's tokenizer and checks that the model has
// an embedding for each of its tokens.
func loadTokenizer(f *gguf.File, vocab int) (*tokenizer.Tokenizer, error) {
	tok, err := tokenizer.New(f)
	if err != nil {
		return nil, fmt.Errorf("tokenizer: %w", err)
	}
	if tok.Size() > vocab {
		return nil, fmt.Errorf("%w: the vocabulary has %d tokens, the model %d", model.ErrInvalid, tok.Size(), vocab)
	}
	return tok, nil
}

// contextSize resolves Options.ContextSize against the trained context.
func contextSize(want, trained int) int {
	switch {
	case want <= 0:
		return min(trained, DefaultContext)
	case want > trained:
		return trained
	}
	return want
}

// template returns the model's chat template, or ChatML when it has none.
// A template that does not parse is an error for chats only.
func template(f *gguf.File) (*chattemplate.Template, error) {
	src, ok := f.String("tokenizer.chat_template")
	if !ok || strings.TrimSpace(src) == "" {
		return chattemplate.Default(), nil
	}
	t, err := chattemplate.Parse(src)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", engine.ErrUnsupported, err)
	}
	return t, nil
}

func piece(tok *tokenizer.Tokenizer, id int32) string {
	if id == tokenizer.NoToken {
		return ""
	}
	return tok.Piece(id)
}

// describe builds the model's ModelInfo.
func (m *Model) describe() engine.ModelInfo {
	var size int64
	if st, err := os.Stat(m.path); err == nil {
		size = st.Size()
	}
	name, _ := m.file.String("general.name")
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(m.path), filepath.Ext(m.path))
	}
	info := engine.ModelInfo{
		Name:      name,
		Backend:   backendName,
		Path:      m.path,
		Size:      size,
		Embedding: model.IsEmbedding(m.file),
	}
	if m.net != nil {
		info.Architecture, info.Quantization = m.net.Config.Arch, m.net.Quantization()
		info.ContextLength = m.sess.ContextLength()
	} else {
		info.Architecture, info.Quantization = m.emb.Arch(), m.emb.Quantization()
		info.ContextLength = m.embedContext()
	}
	return info
}

// trainedContext is the context the model was trained on.
func (m *Model) trainedContext() int {
	if m.net != nil {
		return m.net.Config.ContextLength
	}
	return m.emb.ContextLength()
}

// Info describes the model.
func (m *Model) Info() engine.ModelInfo { return m.info }

// Tokenize returns the token ids of text, special tokens written in it
// included, with BOS in front when addSpecial is set and the vocabulary asks
// for it.
func (m *Model) Tokenize(text string, addSpecial bool) []int32 {
	return m.tok.Encode(text, addSpecial, true)
}

// Detokenize returns the text of ids, without control tokens.
func (m *Model) Detokenize(ids []int32) string { return m.tok.Decode(ids) }

// Close releases the model once no generation runs.
func (m *Model) Close() error {
	var err error
	m.close.Do(func() {
		m.mu.Lock()
		defer m.mu.Unlock()
		m.closed = true
		m.pool.Close()
		err = m.file.Close()
	})
	return err
}

var (
	errEmptyPrompt = errors.New("empty prompt")
	// ErrClosed is returned by Generate on a closed Model.
	ErrClosed = errors.New("model closed")
)
