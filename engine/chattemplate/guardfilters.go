package chattemplate

import (
	"fmt"
	"strings"

	"github.com/nikolalohinski/gonja/v2/exec"
	"github.com/nikolalohinski/gonja/v2/nodes"
	"github.com/nikolalohinski/gonja/v2/tokens"
)

// filterFunc is the filter every filter call of a template goes through:
// x|name(args) becomes x|__hearth_filter__("name", args), which counts a
// step, refuses arguments that would build a value past the cap, runs the
// filter and checks what it built.
const filterFunc = "__hearth_filter__"

// plainFilters neither print their input nor build text from it, so the
// guard skips measuring what goes in and out (messages|length in a loop
// over messages stays linear).
var plainFilters = map[string]bool{
	"length": true, "count": true, "first": true, "last": true, "default": true, "d": true,
	"selectattr": true, "rejectattr": true, "select": true, "reject": true, "items": true,
	"reverse": true, "sort": true, "unique": true, "attr": true, "int": true, "float": true,
	"bool": true, "abs": true, "round": true,
}

// guardFilterCall routes a filter call through filterFunc.
func guardFilterCall(fc *nodes.FilterCall) {
	if fc.Name == filterFunc {
		return
	}
	at := fc.Token
	if at == nil {
		at = &tokens.Token{}
	}
	fc.Args = append([]nodes.Expression{&nodes.String{Location: at, Val: fc.Name}}, fc.Args...)
	fc.Name = filterFunc
}

// guardFilter is the filter filterFunc names.
func guardFilter(e *exec.Evaluator, in *exec.Value, params *exec.VarArgs) *exec.Value {
	g, err := guardOf(e)
	if err != nil {
		return exec.AsValue(err)
	}
	if len(params.Args) == 0 || !params.Args[0].IsString() {
		return exec.AsValue(g.fail(fmt.Errorf("%w: %s is the guard's own filter", ErrLimit, filterFunc)))
	}
	name := params.Args[0].String()
	rest := &exec.VarArgs{Args: params.Args[1:], KwArgs: params.KwArgs}
	if err := g.step(); err != nil {
		return exec.AsValue(err)
	}
	plain := plainFilters[name]
	if !plain {
		if err := g.value(in); err != nil {
			return exec.AsValue(err)
		}
	}
	out := e.ExecuteFilterByName(name, in, rest)
	if !plain {
		if err := g.value(out); err != nil {
			return exec.AsValue(err)
		}
	}
	return out
}

// growthFilters are the filters filterGrowth checks.
var growthFilters = []string{"center", "indent", "tojson", "batch", "slice", "map", "join", "replace", "format"}

// guardGrowth replaces each of growthFilters in fs by one that calls
// filterGrowth first. This holds in {% filter %} blocks too, whose filter
// calls the rewrite cannot reach.
func guardGrowth(fs *exec.FilterSet) {
	for _, name := range growthFilters {
		f, ok := fs.Get(name)
		if !ok {
			continue
		}
		_ = fs.Replace(name, func(e *exec.Evaluator, in *exec.Value, p *exec.VarArgs) *exec.Value {
			if in.IsError() {
				return in
			}
			if err := filterGrowth(name, in, p); err != nil {
				if g, gerr := guardOf(e); gerr == nil {
					err = g.fail(err)
				}
				return exec.AsValue(err)
			}
			return f(e, in, p)
		})
	}
}

// filterGrowth refuses the arguments of the filters that can build far more
// than they are given: center and indent widths, batch and slice counts,
// join separators, replace, format widths, tojson indents.
func filterGrowth(name string, in *exec.Value, p *exec.VarArgs) error {
	size := printedSize(in.Interface(), MaxOutput)
	n := 0
	if in.IsString() || in.IsList() || in.IsDict() {
		n = in.Len()
	}
	grown := size
	switch name {
	case "center", "indent":
		w := widthArg(p, "width")
		grown = size + w*(strings.Count(in.String(), "\n")+2)
	case "tojson":
		grown = size * (1 + widthArg(p, "indent"))
	case "batch", "slice", "map":
		grown = size + maxIntArg(p)*(n+1)
	case "join":
		grown = size + len(strArg(p, 0, "d"))*(n+1)
	case "replace":
		grown = replacedSize(in.String(), strArg(p, 0, "old"), strArg(p, 1, "new"))
	case "format":
		grown = size + formatWidths(in.String())
	}
	if grown > MaxOutput || grown < 0 {
		return fmt.Errorf("%w: the filter %s would build more than %d bytes", ErrLimit, name, MaxOutput)
	}
	return nil
}

// widthArg is the first positional argument, or the named one, as a width:
// an integer, or the length of a string.
func widthArg(p *exec.VarArgs, names ...string) int {
	var v *exec.Value
	if len(p.Args) > 0 {
		v = p.Args[0]
	}
	for _, n := range names {
		if kv, ok := p.KwArgs[n]; ok {
			v = kv
		}
	}
	switch {
	case v == nil:
		return 0
	case v.IsString():
		return len(v.String())
	case v.IsInteger() || v.IsFloat():
		return max(v.Integer(), 0)
	}
	return 0
}

// maxIntArg is the largest integer argument.
func maxIntArg(p *exec.VarArgs) int {
	m := 0
	for _, v := range p.Args {
		if v.IsInteger() {
			m = max(m, v.Integer())
		}
	}
	for _, v := range p.KwArgs {
		if v.IsInteger() {
			m = max(m, v.Integer())
		}
	}
	return m
}

// strArg is positional argument i, or the named one, as a string.
func strArg(p *exec.VarArgs, i int, name string) string {
	if v, ok := p.KwArgs[name]; ok {
		return v.String()
	}
	if i < len(p.Args) {
		return p.Args[i].String()
	}
	return ""
}

// replacedSize is the length of s with every old replaced by new.
func replacedSize(s, old, new string) int {
	if len(new) <= len(old) {
		return len(s)
	}
	k := len(s) + 1
	if old != "" {
		k = strings.Count(s, old)
	}
	if k > 0 && len(new)-len(old) > MaxOutput/k {
		return MaxOutput + 1
	}
	return len(s) + k*(len(new)-len(old))
}

// formatWidths adds up the numbers written in a format string, an upper
// bound on the padding its widths and precisions ask for.
func formatWidths(s string) int {
	total, n := 0, 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if n > MaxOutput {
				return MaxOutput + 1
			}
			n = n*10 + int(s[i]-'0')
			continue
		}
		total += n
		n = 0
		if total > MaxOutput {
			return total
		}
	}
	return total
}
