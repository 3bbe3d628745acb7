package chattemplate

import (
	"reflect"
	"unsafe"

	controlStructures "github.com/nikolalohinski/gonja/v2/builtins/control_structures"
	"github.com/nikolalohinski/gonja/v2/nodes"
	"github.com/nikolalohinski/gonja/v2/tokens"
)

// The hidden globals the guard rewrite calls. Each finds the rendering's
// guard through guardVar.
const (
	stepFunc = "__hearth_step__" // __hearth_step__(n): one step, n bytes of text
	outFunc  = "__hearth_out__"  // __hearth_out__(v): v, checked before it is printed
	sizeFunc = "__hearth_size__" // __hearth_size__(v): v, checked after it is built
	mulFunc  = "__hearth_mul__"  // __hearth_mul__(a, b): a * b, checked before
	loopFunc = "__hearth_loop__" // __hearth_loop__(loop, items): loop(items), counted as a call
	iterFunc = "__hearth_iter__" // __hearth_iter__(items): items, one step each paid up front
)

// guardTemplate rewrites the parsed template so that the guard sees what it
// does, since gonja has no hooks of its own:
//   - every block ({% for %} and {% if %} bodies, macro bodies, {% set %}
//     blocks) starts with __hearth_step__(bytes of text in the block), so
//     each loop iteration and macro call is a step and text written in loops
//     is counted;
//   - {{ x }} becomes {{ __hearth_out__(x) }}, which refuses a value too
//     large to print and counts what it prints;
//   - a * b becomes __hearth_mul__(a, b), which refuses 'a' * 10000000000
//     before it allocates;
//   - a + b and a ~ b become __hearth_size__(a + b), which refuses a result
//     past the cap, so that doubling a string in a loop stops at the cap;
//   - {% for x in items %} becomes {% for x in __hearth_iter__(items) %},
//     which pays a step per item before gonja copies them all;
//   - x|f(args) becomes x|__hearth_filter__("f", args) (see guardFilter).
//
// range and the str methods are guarded in the environment.
func guardTemplate(root *nodes.Template) {
	swapNodes(reflect.ValueOf(root), map[uintptr]bool{}, guardInPlace, guardSwap)
}

// guardInPlace guards a block, an output or a filter call in place.
func guardInPlace(n any) {
	switch x := n.(type) {
	case *nodes.Wrapper:
		x.Nodes = append([]nodes.Node{stepOutput(x)}, x.Nodes...)
	case *controlStructures.ForControlStructure:
		if x.ObjectEvaluator != nil {
			x.ObjectEvaluator = call(x.ObjectEvaluator.Position(), iterFunc, x.ObjectEvaluator)
		}
	case *controlStructures.IfControlStructure:
		for _, w := range x.Wrappers {
			flatStep(w)
		}
	case *nodes.FilterCall:
		guardFilterCall(x)
	case *nodes.Output:
		x.Expression = call(x.Start, outFunc, x.Expression)
		if x.Alternative != nil {
			x.Alternative = call(x.Start, outFunc, x.Alternative)
		}
	}
}

// guardSwap returns the guarded form of an operation, or n itself.
func guardSwap(n nodes.Node) nodes.Node {
	if c, ok := n.(*nodes.Call); ok {
		return guardLoopCall(c)
	}
	x, ok := n.(*nodes.BinaryExpression)
	if !ok || x.Operator == nil || x.Operator.Token == nil {
		return n
	}
	switch x.Operator.Token.Type {
	case tokens.Multiply:
		return call(x.Operator.Token, mulFunc, x.Left, x.Right)
	case tokens.Addition, tokens.Tilde:
		return call(x.Operator.Token, sizeFunc, x)
	}
	return n
}

// guardLoopCall turns loop(items), the recursion of a recursive for loop,
// into __hearth_loop__(loop, items), which counts its depth as a macro
// call's: gonja runs each recursion in the variables of the loop's start,
// so block nesting does not grow with it.
func guardLoopCall(c *nodes.Call) nodes.Node {
	name, ok := c.Func.(*nodes.Name)
	if !ok || name.Name == nil || name.Name.Val != "loop" {
		return c
	}
	g := call(c.Location, loopFunc, append([]nodes.Expression{name}, c.Args...)...)
	g.Kwargs = c.Kwargs
	return g
}

// flatStep marks the step at the start of w, an if branch, as not nesting:
// gonja copies an if branch's variables into the enclosing block, so the
// branch must not keep a level of its own.
func flatStep(w *nodes.Wrapper) {
	if len(w.Nodes) == 0 {
		return
	}
	if o, ok := w.Nodes[0].(*nodes.Output); ok {
		if c, ok := o.Expression.(*nodes.Call); ok && len(c.Args) == 2 {
			if deep, ok := c.Args[1].(*nodes.Integer); ok {
				deep.Val = 0
			}
		}
	}
}

// stepOutput is {{ __hearth_step__(n, 1) }} for the text w writes directly.
func stepOutput(w *nodes.Wrapper) *nodes.Output {
	n := 0
	for _, c := range w.Nodes {
		if d, ok := c.(*nodes.Data); ok {
			n += len(d.Data.Val)
		}
	}
	at := w.Location
	if at == nil {
		at = &tokens.Token{}
	}
	return &nodes.Output{Start: at, End: at,
		Expression: call(at, stepFunc, &nodes.Integer{Location: at, Val: n}, &nodes.Integer{Location: at, Val: 1})}
}

// call is the expression name(args...).
func call(at *tokens.Token, name string, args ...nodes.Expression) *nodes.Call {
	return &nodes.Call{
		Location: at,
		Func:     &nodes.Name{Name: &tokens.Token{Type: tokens.Name, Val: name, Line: at.Line, Col: at.Col}},
		Args:     args,
		Kwargs:   map[string]nodes.Expression{},
	}
}

// swapNodes walks everything reachable from v, children first. It passes
// each pointer once to edit, which may change the node in place, and
// replaces each node held in an interface (a field, a slice element, a map
// value) by swap's result.
func swapNodes(v reflect.Value, seen map[uintptr]bool, edit func(any), swap func(nodes.Node) nodes.Node) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		swapNodes(v.Elem(), seen, edit, swap)
		if v.CanInterface() {
			edit(v.Interface())
		}
	case reflect.Interface:
		if v.IsNil() {
			return
		}
		swapNodes(v.Elem(), seen, edit, swap)
		if n, ok := v.Interface().(nodes.Node); ok && v.CanSet() {
			if r := swap(n); r != n && reflect.TypeOf(r).AssignableTo(v.Type()) {
				v.Set(reflect.ValueOf(r))
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			swapNodes(settable(v.Field(i)), seen, edit, swap)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			swapNodes(v.Index(i), seen, edit, swap)
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			val := reflect.New(it.Value().Type()).Elem()
			val.Set(it.Value())
			swapNodes(val, seen, edit, swap)
			v.SetMapIndex(it.Key(), val)
		}
	}
}

// settable returns f, a field of an addressable struct, as a value that can
// be read and set even when the field is unexported. gonja keeps the
// expressions of {% set %}, {% with %} and {% filter %} in unexported
// fields; the guard must reach them, and the tree is ours once parsed (the
// gonja version is pinned in go.mod, and the tests render every construct).
func settable(f reflect.Value) reflect.Value {
	if f.CanSet() || !f.CanAddr() {
		return f
	}
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
}
