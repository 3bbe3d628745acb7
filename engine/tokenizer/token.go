package tokenizer

// TokenType is the kind of a vocabulary entry, as tokenizer.ggml.token_type
// stores it.
type TokenType int32

// Token types defined by GGUF.
const (
	TypeUndefined   TokenType = 0
	TypeNormal      TokenType = 1
	TypeUnknown     TokenType = 2
	TypeControl     TokenType = 3
	TypeUserDefined TokenType = 4
	TypeUnused      TokenType = 5
	TypeByte        TokenType = 6
)

// NoToken is the id returned where a vocabulary has no such token.
const NoToken int32 = -1

// attr is llama.cpp's per-token attribute set: the token type as a bit, plus
// the bits llama.cpp adds by itself (forced control, unused, strip spaces).
type attr uint16

const (
	attrUnknown attr = 1 << iota
	attrUnused
	attrNormal
	attrControl
	attrUserDefined
	attrByte
	attrNormalized
	attrLStrip
	attrRStrip
)

// attrOf converts a GGUF token type to its attribute bit.
func attrOf(t TokenType) attr {
	switch t {
	case TypeNormal:
		return attrNormal
	case TypeUnknown:
		return attrUnknown
	case TypeControl:
		return attrControl
	case TypeUserDefined:
		return attrUserDefined
	case TypeUnused:
		return attrUnused
	case TypeByte:
		return attrByte
	}
	return 0
}

// hidden reports whether a token renders as nothing unless special tokens
// are shown.
func (a attr) hidden() bool { return a&(attrUnknown|attrControl) != 0 }

// special reports whether a token belongs to the set matched in raw text
// before tokenization.
func (a attr) special() bool { return a&(attrControl|attrUserDefined|attrUnknown) != 0 }
