package chattemplate

import (
	"fmt"
	"time"

	"github.com/ncruces/go-strftime"
	"github.com/nikolalohinski/gonja/v2/builtins"
	"github.com/nikolalohinski/gonja/v2/exec"
)

// raisedPrefix marks the message of a template's raise_exception.
const raisedPrefix = "raise_exception: "

// raisedError is the failure a template asks for with raise_exception.
type raisedError string

func (e raisedError) Error() string { return raisedPrefix + string(e) }

// environment returns gonja's builtins with the chat-template additions. It
// builds fresh sets rather than changing gonja's package-level defaults.
func environment() *exec.Environment {
	filters := exec.NewFilterSet(map[string]exec.FilterFunction{}).Update(builtins.Filters)
	_ = filters.Replace("tojson", filterToJSON)
	_ = filters.Replace("items", filterItems)
	guardGrowth(filters)
	_ = filters.Register(filterFunc, guardFilter)
	ctx := exec.EmptyContext().Update(builtins.GlobalFunctions).Update(builtins.GlobalVariables)
	ctx.Set("raise_exception", raiseException)
	ctx.Set(indexFunc, normalizeIndex)
	ctx.Set(condFunc, inlineIf)
	guardGlobals(ctx)
	methods := builtins.Methods
	methods.Dict = exec.NewMethodSet(dictMethods())
	methods.Str = guardedStrMethods()
	return &exec.Environment{
		Context:           ctx,
		Filters:           filters,
		Tests:             builtins.Tests,
		ControlStructures: guardedControlStructures(),
		Methods:           methods,
	}
}

func raiseException(msg string) (string, error) {
	return "", raisedError(msg)
}

// strftimeNow returns the strftime_now function for the time now.
func strftimeNow(now time.Time) func(string) string {
	return func(format string) string { return strftime.Format(format, now) }
}

// filterItems lists a dictionary's (key, value) pairs in their order.
func filterItems(_ *exec.Evaluator, in *exec.Value, _ *exec.VarArgs) *exec.Value {
	if in.IsError() {
		return in
	}
	return exec.AsValue(itemsOf(in))
}

// itemsOf returns [key, value] pairs of a dictionary value, in insertion
// order for ordered dictionaries.
func itemsOf(v *exec.Value) []any {
	out := []any{}
	v.Iterate(func(_, _ int, key, value *exec.Value) bool {
		out = append(out, []any{key, value})
		return true
	}, func() {})
	return out
}

// dictMethods are the Python dict methods templates call, order-preserving.
func dictMethods() map[string]exec.Method[map[string]any] {
	return map[string]exec.Method[map[string]any]{
		"items": func(_ map[string]any, self *exec.Value, _ *exec.VarArgs) (any, error) {
			return itemsOf(self), nil
		},
		"keys": func(_ map[string]any, self *exec.Value, _ *exec.VarArgs) (any, error) {
			out := []any{}
			for _, kv := range itemsOf(self) {
				out = append(out, kv.([]any)[0])
			}
			return out, nil
		},
		"values": func(_ map[string]any, self *exec.Value, _ *exec.VarArgs) (any, error) {
			out := []any{}
			for _, kv := range itemsOf(self) {
				out = append(out, kv.([]any)[1])
			}
			return out, nil
		},
		"get": func(_ map[string]any, self *exec.Value, args *exec.VarArgs) (any, error) {
			if len(args.Args) == 0 || len(args.Args) > 2 {
				return nil, fmt.Errorf("get takes a key and an optional default")
			}
			if v, ok := self.GetItem(args.Args[0].Interface()); ok {
				return v, nil
			}
			if len(args.Args) == 2 {
				return args.Args[1], nil
			}
			return nil, nil
		},
	}
}
