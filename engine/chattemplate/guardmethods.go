package chattemplate

import (
	"fmt"
	"strings"

	"github.com/nikolalohinski/gonja/v2/builtins"
	"github.com/nikolalohinski/gonja/v2/exec"
)

// strMethodNames are the Python str methods gonja provides.
var strMethodNames = []string{
	"capitalize", "capwords", "casefold", "center", "count", "encode", "endswith",
	"expandtabs", "find", "format", "format_map", "isalnum", "isalpha", "isascii",
	"isdecimal", "isdigit", "islower", "isnumeric", "isprintable", "isspace", "istitle",
	"isupper", "join", "ljust", "lower", "lstrip", "partition", "removeprefix",
	"removesuffix", "replace", "rfind", "rjust", "rpartition", "rsplit", "rstrip",
	"split", "splitlines", "startswith", "strip", "swapcase", "title", "upper", "zfill",
}

// guardedStrMethods returns gonja's str methods with the ones that can
// build far more than they are given (widths, tabs, replace, join, format)
// checked first. Methods cannot see the rendering's guard, so these checks
// only look at the call itself; what the method returns is counted when it
// is printed or filtered.
func guardedStrMethods() *exec.MethodSet[string] {
	out := map[string]exec.Method[string]{}
	for _, name := range strMethodNames {
		m, ok := builtins.Methods.Str.Get(name)
		if !ok {
			continue
		}
		out[name] = guardStrMethod(name, m)
	}
	return exec.NewMethodSet(out)
}

// guardStrMethod checks a call of the str method name before running it.
func guardStrMethod(name string, m exec.Method[string]) exec.Method[string] {
	return func(self string, selfValue *exec.Value, args *exec.VarArgs) (any, error) {
		if grown := strMethodGrowth(name, self, args); grown > MaxOutput || grown < 0 {
			return nil, fmt.Errorf("%w: the method %s would build more than %d bytes", ErrLimit, name, MaxOutput)
		}
		return m(self, selfValue, args)
	}
}

// strMethodGrowth bounds the length of what self.name(args) returns.
func strMethodGrowth(name, self string, p *exec.VarArgs) int {
	switch name {
	case "center", "ljust", "rjust", "zfill":
		return len(self) + maxIntArg(p)
	case "expandtabs":
		return len(self) + maxIntArg(p)*(strings.Count(self, "\t")+1)
	case "replace":
		return replacedSize(self, strArg(p, 0, "old"), strArg(p, 1, "new"))
	case "join":
		if len(p.Args) == 0 {
			return len(self)
		}
		list := p.Args[0]
		n := 0
		if list.IsString() || list.IsList() || list.IsDict() {
			n = list.Len()
		}
		return printedSize(list.Interface(), MaxOutput) + len(self)*(n+1)
	case "format", "format_map":
		biggest := 0
		for _, a := range p.Args {
			biggest = max(biggest, printedSize(a.Interface(), MaxOutput))
		}
		for _, a := range p.KwArgs {
			biggest = max(biggest, printedSize(a.Interface(), MaxOutput))
		}
		fields := strings.Count(self, "{")
		if fields > 0 && biggest > MaxOutput/fields {
			return MaxOutput + 1
		}
		return len(self) + formatWidths(self) + fields*biggest
	}
	return len(self)
}
