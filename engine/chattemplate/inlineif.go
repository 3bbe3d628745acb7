package chattemplate

import (
	"strings"

	"github.com/nikolalohinski/gonja/v2/config"
	"github.com/nikolalohinski/gonja/v2/exec"
	"github.com/nikolalohinski/gonja/v2/tokens"
)

// condFunc is the hidden global an inline conditional inside parentheses
// becomes.
const condFunc = "__hearth_if__"

// maxInlineIfs bounds how many inline conditionals rewriteInlineIfs turns
// into calls (each one re-lexes the template).
const maxInlineIfs = 256

// rewriteInlineIfs rewrites every parenthesized inline conditional
// "(A if C else B)" into "__hearth_if__(C, A, B)". gonja parses an inline
// conditional only as the whole of a {{ }}; Gemma 3's template, for one,
// has it inside parentheses within a longer expression, which gonja refuses
// as unbalanced. Unlike Jinja's, the call evaluates both A and B; a branch
// that fails when not chosen fails the rendering. Carriage returns are
// normalized first, as gonja's lexer normalizes them.
func rewriteInlineIfs(source string) string {
	source = strings.ReplaceAll(strings.ReplaceAll(source, "\r\n", "\n"), "\r", "\n")
	cfg := config.New()
	cfg.KeepTrailingNewline = true // token positions are then offsets in source
	for range maxInlineIfs {
		next, ok := rewriteOneInlineIf(source, cfg)
		if !ok {
			break
		}
		source = next
	}
	return source
}

// keywords are the names after which a parenthesis groups rather than
// calls.
var keywords = map[string]bool{"if": true, "elif": true, "else": true, "in": true, "and": true, "or": true,
	"not": true, "is": true, "for": true, "set": true, "return": true}

// group is an open parenthesis inside a tag and the if and else found at
// its own level.
type group struct {
	open, ifTok, elseTok *tokens.Token
	call                 bool
}

// rewriteOneInlineIf rewrites the first parenthesized inline conditional
// that closes, if any.
func rewriteOneInlineIf(source string, cfg *config.Config) (string, bool) {
	stream := tokens.LexAll(source, cfg)
	var stack []group
	var prev *tokens.Token
	for ; !stream.End(); stream.Next() {
		tok := stream.Current()
		switch tok.Type {
		case tokens.Error:
			return source, false
		case tokens.VariableBegin, tokens.BlockBegin, tokens.VariableEnd, tokens.BlockEnd:
			stack = stack[:0]
		case tokens.LeftParenthesis:
			call := prev != nil && (prev.Type == tokens.Name && !keywords[prev.Val] ||
				prev.Type == tokens.RightParenthesis || prev.Type == tokens.RightBracket)
			stack = append(stack, group{open: tok, call: call})
		case tokens.RightParenthesis:
			if len(stack) == 0 {
				break
			}
			g := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if !g.call && g.ifTok != nil && g.elseTok != nil {
				return spliceInlineIf(source, g, tok), true
			}
		case tokens.Name:
			if len(stack) > 0 {
				g := &stack[len(stack)-1]
				switch {
				case tok.Val == "if" && g.ifTok == nil:
					g.ifTok = tok
				case tok.Val == "else" && g.ifTok != nil && g.elseTok == nil:
					g.elseTok = tok
				}
			}
		}
		prev = tok
	}
	return source, false
}

// spliceInlineIf replaces the group g, closed by end, with the call.
func spliceInlineIf(source string, g group, end *tokens.Token) string {
	a := source[g.open.Pos+len(g.open.Val) : g.ifTok.Pos]
	c := source[g.ifTok.Pos+len(g.ifTok.Val) : g.elseTok.Pos]
	b := source[g.elseTok.Pos+len(g.elseTok.Val) : end.Pos]
	call := condFunc + "(" + c + "," + a + "," + b + ")"
	return source[:g.open.Pos] + call + source[end.Pos+len(end.Val):]
}

// inlineIf implements __hearth_if__(c, a, b): a when c is true as Jinja
// tests truth, else b.
func inlineIf(args *exec.VarArgs) (any, error) {
	if len(args.Args) != 3 {
		return nil, nil
	}
	if args.Args[0].IsTrue() {
		return args.Args[1].Interface(), nil
	}
	return args.Args[2].Interface(), nil
}
