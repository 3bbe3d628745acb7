package tokenizer

import (
	"cmp"
	"fmt"
	"slices"
)

// kind is the tokenization algorithm of a vocabulary.
type kind int

const (
	kindSPM kind = iota // tokenizer.ggml.model "llama"
	kindBPE             // "gpt2"
	kindWPM             // "bert"
)

// Tokenizer encodes text to token ids and decodes ids to text for one
// vocabulary. It is immutable and safe for concurrent use.
type Tokenizer struct {
	kind kind
	v    *vocab
	sp   specialIDs
	eog  map[int32]bool

	addBOS, addEOS bool
	addSpacePrefix bool // SPM: a space in front of text that follows a special token
	cleanSpaces    bool // Decode: remove spaces before punctuation, as llama.cpp does
	ignoreMerges   bool // BPE: a pre-token that is a token is not merged
	lowercase      bool // WPM normalizer
	stripAccents   bool // WPM normalizer

	specials []int32    // control, user-defined and unknown tokens, longest first
	byteIDs  [256]int32 // SPM byte fallback: the token of each byte
	rawIDs   [256]int32 // BPE last resort: the one-byte token of each byte

	// beforeSpace holds the characters some token has right before a "▁"
	// (SPM): the only places a merge may join across a "▁".
	beforeSpace map[string]bool
	merges      *mergeTable
	pre         pipeline
	trie        *trie // WPM: token texts by byte
}

// New builds the tokenizer described by md's tokenizer.ggml.* keys.
func New(md Metadata) (*Tokenizer, error) {
	t, err := build(md)
	if err != nil {
		return nil, fmt.Errorf("tokenizer: new: %w", err)
	}
	return t, nil
}

func build(md Metadata) (*Tokenizer, error) {
	model, ok := md.String(keyModel)
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrMissing, keyModel)
	}
	t := &Tokenizer{sp: noSpecials}
	if err := t.configure(model, md); err != nil {
		return nil, err
	}
	v, err := loadVocab(md)
	if err != nil {
		return nil, err
	}
	t.v = v
	if t.kind == kindBPE {
		if err := t.loadMerges(md); err != nil {
			return nil, err
		}
	}
	t.sp.load(md, v.size())
	t.loadFlags(md)
	t.detectRoles()
	t.markUnused()
	t.collectEOG()
	t.collectSpecials()
	t.applyNameAttrs(md)
	t.indexBytes()
	switch t.kind {
	case kindSPM:
		t.indexSpaces()
	case kindWPM:
		t.trie = newTrie(t.v.ids)
	}
	return t, nil
}

// configure sets the algorithm and llama.cpp's defaults for a model name.
func (t *Tokenizer) configure(model string, md Metadata) error {
	switch model {
	case "llama":
		t.kind = kindSPM
		t.sp.bos, t.sp.eos, t.sp.unk = 1, 2, 0
		t.addSpacePrefix, t.addBOS = true, true
	case "bert":
		t.kind = kindWPM
		t.sp.bos, t.sp.unk, t.sp.sep, t.sp.pad, t.sp.mask = 101, 100, 102, 0, 103
		t.cleanSpaces, t.addBOS = true, true
	case "gpt2":
		t.kind = kindBPE
		t.sp.bos, t.sp.eos = 11, 11
		if err := t.configurePre(md); err != nil {
			return err
		}
	default:
		return fmt.Errorf("%w: tokenizer model %q", ErrUnsupported, model)
	}
	if b, ok := md.Bool(keyAddSpace); ok {
		t.addSpacePrefix = b
	}
	return nil
}

// configurePre selects the pre-tokenizer of a BPE vocabulary.
func (t *Tokenizer) configurePre(md Metadata) error {
	name, _ := md.String(keyPre)
	p, ok := presetFor(name)
	if !ok {
		return fmt.Errorf("%w: pre-tokenizer %q", ErrUnsupported, name)
	}
	t.pre = p.pipeline
	t.cleanSpaces = !p.keepSpaces
	t.ignoreMerges = p.ignoreMerges
	t.addBOS = p.addBOS
	if p.noBOS {
		t.sp.bos = NoToken
	}
	return nil
}

// loadFlags reads the add_bos/add_eos switches and the WPM normalizer.
func (t *Tokenizer) loadFlags(md Metadata) {
	if b, ok := md.Bool(keyAddBOS); ok {
		t.addBOS = b
	}
	if b, ok := md.Bool(keyAddEOS); ok {
		t.addEOS = b
	}
	t.lowercase = true
	if b, ok := md.Bool(keyLowercase); ok {
		t.lowercase = b
	}
	t.stripAccents = t.lowercase
	if b, ok := md.Bool(keyStripAccents); ok {
		t.stripAccents = b
	}
}

// collectSpecials lists the tokens matched in raw text before tokenization,
// longest text first (ties by id, where llama.cpp's unstable sort leaves the
// order unspecified).
func (t *Tokenizer) collectSpecials() {
	for id, a := range t.v.attrs {
		if a.special() {
			t.specials = append(t.specials, int32(id))
		}
	}
	slices.SortStableFunc(t.specials, func(a, b int32) int {
		return cmp.Compare(len(t.v.texts[b]), len(t.v.texts[a]))
	})
}

// indexBytes fills the byte-token tables.
func (t *Tokenizer) indexBytes() {
	for c := range 256 {
		t.byteIDs[c] = t.byteToken(byte(c))
		id, ok := t.v.lookup(string([]byte{byte(c)}))
		if !ok {
			id = NoToken
		}
		t.rawIDs[c] = id
	}
}

// indexSpaces fills beforeSpace.
func (t *Tokenizer) indexSpaces() {
	t.beforeSpace = map[string]bool{}
	for _, s := range t.v.texts {
		prev := ""
		for off := 0; off < len(s); {
			n := min(seqLen(s[off]), len(s)-off)
			c := s[off : off+n]
			if c == "▁" && prev != "" {
				t.beforeSpace[prev] = true
			}
			prev = c
			off += n
		}
	}
}

// Size returns the number of tokens in the vocabulary.
func (t *Tokenizer) Size() int { return t.v.size() }

// BOS returns the beginning-of-sequence token (BERT's [CLS]), or NoToken.
func (t *Tokenizer) BOS() int32 { return t.sp.bos }

// EOS returns the end-of-sequence token, or NoToken.
func (t *Tokenizer) EOS() int32 { return t.sp.eos }

// EOT returns the end-of-turn token, or NoToken.
func (t *Tokenizer) EOT() int32 { return t.sp.eot }

// UNK returns the unknown token, or NoToken.
func (t *Tokenizer) UNK() int32 { return t.sp.unk }

// SEP returns the separator token (BERT's [SEP]), or NoToken.
func (t *Tokenizer) SEP() int32 { return t.sp.sep }

// PAD returns the padding token, or NoToken.
func (t *Tokenizer) PAD() int32 { return t.sp.pad }

// AddBOS reports whether Encode with addSpecial puts BOS in front.
func (t *Tokenizer) AddBOS() bool { return t.addBOS && t.sp.bos != NoToken }

// IsEOG reports whether id ends generation: EOS, EOT, EOM and the other
// tokens llama.cpp treats as final.
func (t *Tokenizer) IsEOG(id int32) bool { return t.eog[id] }

// TokenID returns the id of the token whose text is exactly text.
func (t *Tokenizer) TokenID(text string) (int32, bool) { return t.v.lookup(text) }

// Type returns the GGUF type of token id, or TypeUndefined for an id outside
// the vocabulary.
func (t *Tokenizer) Type(id int32) TokenType {
	if !t.v.valid(id) {
		return TypeUndefined
	}
	return t.v.types[id]
}

// IsControl reports whether id is a control token (llama.cpp also counts
// end-of-generation tokens it found by their text).
func (t *Tokenizer) IsControl(id int32) bool {
	return t.v.valid(id) && t.v.attrs[id]&attrControl != 0
}
