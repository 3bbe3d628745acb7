package chattemplate

import (
	"reflect"

	"github.com/nikolalohinski/gonja/v2/exec"
	"github.com/nikolalohinski/gonja/v2/nodes"
	"github.com/nikolalohinski/gonja/v2/tokens"
)

// indexFunc is the hidden global that normalizes subscripts.
const indexFunc = "__hearth_index__"

// fixNegativeIndexes rewrites every subscript x[i] of the parsed template into
// x[__hearth_index__(x, i)], which turns a negative i into len(x)+i. gonja
// resolves x[-n] only when len(x) > n, so messages[-1] of a one-message
// conversation would be undefined; Python and @huggingface/jinja give the
// last element.
func fixNegativeIndexes(root *nodes.Template) {
	seen := map[uintptr]bool{}
	walkNodes(reflect.ValueOf(root), seen, func(g *nodes.GetItem) {
		g.Arg = &nodes.Call{
			Location: g.Location,
			Func:     &nodes.Name{Name: &tokens.Token{Type: tokens.Name, Val: indexFunc}},
			Args:     []nodes.Expression{g.Node.(nodes.Expression), g.Arg.(nodes.Expression)},
			Kwargs:   map[string]nodes.Expression{},
		}
	})
}

// walkNodes visits every *nodes.GetItem reachable from v once.
func walkNodes(v reflect.Value, seen map[uintptr]bool, visit func(*nodes.GetItem)) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		walkNodes(v.Elem(), seen, visit)
		if g, ok := v.Interface().(*nodes.GetItem); ok {
			if _, isExpr := g.Node.(nodes.Expression); isExpr && g.Arg != nil {
				visit(g)
			}
		}
	case reflect.Interface:
		if !v.IsNil() {
			walkNodes(v.Elem(), seen, visit)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				walkNodes(v.Field(i), seen, visit)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkNodes(v.Index(i), seen, visit)
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			walkNodes(it.Value(), seen, visit)
		}
	}
}

// normalizeIndex implements __hearth_index__(x, i).
func normalizeIndex(args *exec.VarArgs) (any, error) {
	if len(args.Args) != 2 {
		return nil, nil
	}
	x, i := args.Args[0], args.Args[1]
	if i.IsInteger() && i.Integer() < 0 && (x.IsList() || x.IsString()) {
		return x.Len() + i.Integer(), nil
	}
	return i.Interface(), nil
}
