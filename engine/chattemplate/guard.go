package chattemplate

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/nikolalohinski/gonja/v2/exec"
)

// The limits of one rendering. A chat template is code from a downloaded
// file; these bound what it can make Hearth do. Real templates stay far
// below them: a conversation of a thousand messages with tools renders in a
// few thousand steps and well under a megabyte.
const (
	// MaxTime is how long one rendering may run.
	MaxTime = 2 * time.Second
	// MaxOutput is the most bytes a rendering may write, and the largest
	// value (string, or list or dictionary as printed) it may build.
	MaxOutput = 8 << 20
	// maxProduced bounds every byte the template writes anywhere: the
	// output, macro results, {% set %} blocks.
	maxProduced = 8 * MaxOutput
	// maxSteps bounds block entries (loop iterations, branches, macro
	// calls), printed expressions and filter calls.
	maxSteps = 1 << 18
	// maxDepth bounds macro calls within macro calls.
	maxDepth = 64
	// maxNesting bounds how deeply a value printed or filtered nests.
	maxNesting = 256
	// maxSource bounds the template text.
	maxSource = 1 << 20
	// checkEvery is how many steps pass between clock and context checks.
	checkEvery = 64
)

// ErrLimit is wrapped (with ErrTemplate) by a rendering stopped by one of
// its limits.
var ErrLimit = errors.New("chat template limit")

// guardVar names the variable through which the template's guard functions
// and filters find the guard of the rendering that runs them.
const guardVar = "__hearth_guard__"

// guard counts what one rendering does and stops it past a limit, when its
// context ends, or when its time runs out. The first failure sticks: every
// later check fails with it, whatever the template engine did with the
// first error.
type guard struct {
	ctx      context.Context
	deadline time.Time
	steps    int
	produced int
	written  int
	depth    int
	err      error
}

// newGuard starts the guard of one rendering.
func newGuard(ctx context.Context) *guard {
	deadline := time.Now().Add(MaxTime)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	return &guard{ctx: ctx, deadline: deadline}
}

// fail records the first failure and returns the one that sticks.
func (g *guard) fail(err error) error {
	if g.err == nil {
		g.err = err
	}
	return g.err
}

// limit fails with a limit error.
func (g *guard) limit(format string, args ...any) error {
	return g.fail(fmt.Errorf("%w: "+format, append([]any{ErrLimit}, args...)...))
}

// step counts one step and, every checkEvery steps, looks at the clock and
// the context.
func (g *guard) step() error {
	if g.err != nil {
		return g.err
	}
	g.steps++
	if g.steps > maxSteps {
		return g.limit("the template ran more than %d steps", maxSteps)
	}
	if g.steps%checkEvery == 0 {
		return g.check()
	}
	return nil
}

// check fails when the context has ended or the time is up.
func (g *guard) check() error {
	if err := g.ctx.Err(); err != nil {
		return g.fail(err)
	}
	if time.Now().After(g.deadline) {
		return g.limit("the template ran past its %v time limit", MaxTime)
	}
	return nil
}

// produce counts n bytes the template writes somewhere.
func (g *guard) produce(n int) error {
	if err := g.step(); err != nil {
		return err
	}
	g.produced += n
	if g.produced > maxProduced {
		return g.limit("the template wrote more than %d bytes", maxProduced)
	}
	return nil
}

// value fails when v, printed, would be larger than MaxOutput.
func (g *guard) value(v *exec.Value) error {
	if g.err != nil {
		return g.err
	}
	if v == nil || v.IsError() {
		return nil
	}
	if printedSize(v.Interface(), MaxOutput) > MaxOutput {
		return g.limit("the template built a value larger than %d bytes", MaxOutput)
	}
	return nil
}

// guardOf finds the guard of the rendering e evaluates for.
func guardOf(e *exec.Evaluator) (*guard, error) {
	if e != nil && e.Environment != nil && e.Environment.Context != nil {
		if v, ok := e.Environment.Context.Get(guardVar); ok {
			if g, ok := v.(*guard); ok {
				return g, nil
			}
		}
	}
	return nil, fmt.Errorf("%w: the template replaced %s", ErrLimit, guardVar)
}

// printedSize estimates how many bytes x takes when printed: the length of
// a string, and for lists and dictionaries the sum of their elements plus a
// few bytes each. The walk stops once the sum passes limit, so that a
// structure that shares itself many times over costs no more than limit
// steps to measure; a structure nested deeper than maxNesting counts as
// larger than limit.
func printedSize(x any, limit int) int {
	n, depth := 0, 0
	var walk func(reflect.Value)
	walk = func(v reflect.Value) {
		if n > limit || !v.IsValid() {
			return
		}
		if depth++; depth > maxNesting {
			n = limit + 1
			return
		}
		defer func() { depth-- }()
		switch v.Kind() {
		case reflect.Interface, reflect.Pointer:
			if v.IsNil() {
				n += 4
				return
			}
			if ev, ok := v.Interface().(*exec.Value); ok {
				walk(ev.Val)
				return
			}
			walk(v.Elem())
		case reflect.String:
			n += v.Len() + 2
		case reflect.Slice, reflect.Array:
			n += 2
			for i := 0; i < v.Len() && n <= limit; i++ {
				walk(v.Index(i))
				n += 2
			}
		case reflect.Map:
			n += 2
			for it := v.MapRange(); it.Next() && n <= limit; {
				walk(it.Key())
				walk(it.Value())
				n += 4
			}
		case reflect.Struct:
			n += 2
			for i := 0; i < v.NumField() && n <= limit; i++ {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		default:
			n += 8
		}
	}
	walk(reflect.ValueOf(x))
	return n
}
