package chattemplate

import (
	"fmt"

	"github.com/nikolalohinski/gonja/v2/config"
	"github.com/nikolalohinski/gonja/v2/tokens"
)

// gonja parses by recursive descent, and a stack overflow kills the whole
// process (Go cannot recover from it): a template of 200 000 "(" does. So
// before parsing, the template's tokens are checked against two bounds that
// cap the parser's recursion: tokens per tag ({{ }} or {% %}) and blocks
// nested in blocks. Real templates stay far below both.
const (
	maxTagTokens = 2000
	maxBlocks    = 100
)

// blockTags open a block that an end tag closes ("set" only without "=").
var blockTags = map[string]bool{
	"if": true, "for": true, "macro": true, "call": true, "filter": true,
	"with": true, "block": true, "autoescape": true, "set": true,
}

// checkNesting refuses a template whose tags are too long or whose blocks
// nest too deeply for the parser to stay within a bounded stack.
func checkNesting(source string, cfg *config.Config) error {
	stream := tokens.LexAll(source, cfg)
	inTag, count, depth := false, 0, 0
	tag, assigns := "", false
	for ; !stream.End(); stream.Next() {
		tok := stream.Current()
		switch tok.Type {
		case tokens.Error:
			return nil // the parser reports it
		case tokens.VariableBegin, tokens.BlockBegin:
			inTag, count, tag, assigns = true, 0, "", false
		case tokens.VariableEnd:
			inTag = false
		case tokens.BlockEnd:
			inTag = false
			depth += blockChange(tag, assigns)
			if depth > maxBlocks {
				return fmt.Errorf("blocks nest more than %d deep", maxBlocks)
			}
		default:
			if !inTag {
				continue
			}
			if count++; count > maxTagTokens {
				return fmt.Errorf("a tag at line %d has more than %d tokens", tok.Line, maxTagTokens)
			}
			if tag == "" && tok.Type == tokens.Name {
				tag = tok.Val
			}
			assigns = assigns || tok.Type == tokens.Assign
		}
	}
	return nil
}

// blockChange is how a tag changes the block depth.
func blockChange(tag string, assigns bool) int {
	switch {
	case tag == "set" && assigns:
		return 0
	case blockTags[tag]:
		return 1
	case len(tag) > 3 && tag[:3] == "end" && blockTags[tag[3:]]:
		return -1
	}
	return 0
}

// checkLexable refuses what sends gonja's lexer (v2.9.1) into an endless
// loop or a panic: in a tag, a number's "." followed by a character of more
// than one byte ({{ 5.⩀ }}), where the lexer steps back by the width of that
// character instead of the dot's. It scans tags outside string literals.
func checkLexable(source string) error {
	inTag := false
	var quote byte
	for i := 0; i+1 < len(source); i++ {
		c := source[i]
		switch {
		case !inTag:
			inTag = c == '{' && (source[i+1] == '{' || source[i+1] == '%')
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case (c == '}' || c == '%') && source[i+1] == '}':
			inTag = false
		case c >= '0' && c <= '9' && source[i+1] == '.' && i+2 < len(source) && source[i+2] >= 0x80:
			return fmt.Errorf("a number at byte %d is followed by a dot and a non-ASCII character", i)
		}
	}
	return nil
}
