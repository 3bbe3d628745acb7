package embedded

import (
	"fmt"

	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/tokenizer"
)

// HasChatTemplate reports whether the GGUF file at path carries a chat
// template (tokenizer.chat_template). A base model without one continues
// text instead of answering a chat. An unreadable file says yes: loading
// it for generation reports the problem.
func HasChatTemplate(path string) bool {
	f, err := gguf.Open(path)
	if err != nil {
		return true
	}
	defer f.Close()
	_, ok := f.String("tokenizer.chat_template")
	return ok
}

// TokenizeFile reads only the vocabulary of the GGUF file at path (a
// vocabulary-only file will do) and returns the token ids of text:
// addSpecial adds the beginning-of-sequence token the vocabulary asks
// for, parseSpecial reads special-token text such as <|im_start|> as
// the special token.
func TokenizeFile(path, text string, addSpecial, parseSpecial bool) ([]int32, error) {
	f, err := gguf.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	tok, err := tokenizer.New(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return tok.Encode(text, addSpecial, parseSpecial), nil
}
