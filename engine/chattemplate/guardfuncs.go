package chattemplate

import (
	"fmt"
	"strings"

	"github.com/nikolalohinski/gonja/v2/exec"
)

// depthVar holds, in each block's variables, how deeply the block nests.
const depthVar = "__hearth_depth__"

// guardGlobals adds the functions the guard rewrite calls, and a range that
// returns a bounded list (gonja's feeds a channel from a goroutine that
// leaks when the range is not read to its end).
func guardGlobals(ctx *exec.Context) {
	ctx.Set(stepFunc, guardStep)
	ctx.Set(outFunc, guardOut)
	ctx.Set(sizeFunc, guardSize)
	ctx.Set(mulFunc, guardMul)
	ctx.Set(loopFunc, guardLoop)
	ctx.Set(iterFunc, guardIter)
	ctx.Set("range", guardRange)
}

// guardStep is __hearth_step__(n, deep): the start of a block that writes n
// bytes of text. A deep block (any but an if branch) nests one level below
// the block that runs it; the level is kept in the block's own variables,
// so it unwinds by itself however the block ends (an error, a break).
func guardStep(e *exec.Evaluator, args *exec.VarArgs) (any, error) {
	g, err := guardOf(e)
	if err != nil {
		return nil, err
	}
	if len(args.Args) != 2 {
		return nil, g.fail(fmt.Errorf("%w: %s is the guard's own function", ErrLimit, stepFunc))
	}
	if err := g.produce(args.Args[0].Integer()); err != nil {
		return nil, err
	}
	if args.Args[1].Integer() == 0 {
		return "", nil
	}
	depth := 0
	if d, ok := e.Environment.Context.Get(depthVar); ok {
		depth, _ = d.(int)
	}
	if depth >= maxDepth {
		return nil, g.limit("the template nested blocks or macro calls more than %d deep", maxDepth)
	}
	e.Environment.Context.Set(depthVar, depth+1)
	return "", nil
}

// guardOut is __hearth_out__(v): v, once the guard has counted it.
func guardOut(e *exec.Evaluator, args *exec.VarArgs) (*exec.Value, error) {
	g, v, err := guardArg(e, args)
	if err != nil {
		return nil, err
	}
	if err := g.value(v); err != nil {
		return nil, err
	}
	if err := g.produce(printedSize(v.Interface(), MaxOutput)); err != nil {
		return nil, err
	}
	return v, nil
}

// guardSize is __hearth_size__(v): v, once the guard has checked its size.
func guardSize(e *exec.Evaluator, args *exec.VarArgs) (*exec.Value, error) {
	g, v, err := guardArg(e, args)
	if err != nil {
		return nil, err
	}
	if err := g.step(); err != nil {
		return nil, err
	}
	if err := g.value(v); err != nil {
		return nil, err
	}
	return v, nil
}

// guardArg returns the guard and the one argument of a guard function.
func guardArg(e *exec.Evaluator, args *exec.VarArgs) (*guard, *exec.Value, error) {
	g, err := guardOf(e)
	if err != nil {
		return nil, nil, err
	}
	if len(args.Args) != 1 {
		return nil, nil, g.fail(fmt.Errorf("%w: the guard's functions take one value", ErrLimit))
	}
	return g, args.Args[0], nil
}

// guardMul is __hearth_mul__(a, b), gonja's a * b (a float product when
// either side is a float, a repeated string when a is a string, else an
// integer product) with the repeated string's size checked before it is
// built, and a negative count giving "" as in Python rather than a panic.
func guardMul(e *exec.Evaluator, args *exec.VarArgs) (any, error) {
	g, err := guardOf(e)
	if err != nil {
		return nil, err
	}
	if len(args.Args) != 2 {
		return nil, g.fail(fmt.Errorf("%w: %s is the guard's own function", ErrLimit, mulFunc))
	}
	if err := g.step(); err != nil {
		return nil, err
	}
	a, b := args.Args[0], args.Args[1]
	switch {
	case a.IsFloat() || b.IsFloat():
		return a.Float() * b.Float(), nil
	case a.IsString():
		s, n := a.String(), b.Integer()
		if n <= 0 || s == "" {
			return "", nil
		}
		if n > MaxOutput/len(s) {
			return nil, g.limit("the template repeated a string past %d bytes", MaxOutput)
		}
		return strings.Repeat(s, n), nil
	}
	return a.Integer() * b.Integer(), nil
}

// guardRange is range([start,] stop[, step]) as a list of at most maxSteps
// integers.
func guardRange(e *exec.Evaluator, args *exec.VarArgs) (any, error) {
	g, err := guardOf(e)
	if err != nil {
		return nil, err
	}
	start, stop, step, err := rangeArgs(args)
	if err != nil {
		return nil, exec.ErrInvalidCall(err)
	}
	out := []int{}
	for i := start; (step > 0 && i < stop) || (step < 0 && i > stop); i += step {
		if len(out) == maxSteps {
			return nil, g.limit("range asked for more than %d numbers", maxSteps)
		}
		out = append(out, i)
		if (step > 0 && i > i+step) || (step < 0 && i < i+step) {
			break // the next i would overflow
		}
	}
	return out, g.step()
}

// rangeArgs reads range's integer arguments.
func rangeArgs(args *exec.VarArgs) (start, stop, step int, err error) {
	for _, a := range args.Args {
		if !a.IsInteger() {
			return 0, 0, 0, fmt.Errorf("expected signature is [start, ]stop[, step] where all arguments are integers")
		}
	}
	step = 1
	switch len(args.Args) {
	case 1:
		stop = args.Args[0].Integer()
	case 2:
		start, stop = args.Args[0].Integer(), args.Args[1].Integer()
	case 3:
		start, stop, step = args.Args[0].Integer(), args.Args[1].Integer(), args.Args[2].Integer()
	default:
		return 0, 0, 0, fmt.Errorf("expected signature is [start, ]stop[, step] where all arguments are integers")
	}
	if step == 0 {
		return 0, 0, 0, fmt.Errorf("step cannot be 0")
	}
	return start, stop, step, nil
}

// guardLoop is __hearth_loop__(loop, items): the recursion loop(items) of a
// recursive for loop, counted in the guard's call depth.
func guardLoop(e *exec.Evaluator, args *exec.VarArgs) (*exec.Value, error) {
	g, err := guardOf(e)
	if err != nil {
		return nil, err
	}
	if len(args.Args) == 0 {
		return nil, g.fail(fmt.Errorf("%w: %s is the guard's own function", ErrLimit, loopFunc))
	}
	fn, ok := args.Args[0].Interface().(func(*exec.VarArgs) *exec.Value)
	if !ok {
		return nil, fmt.Errorf("loop is not callable here")
	}
	if g.depth >= maxDepth {
		return nil, g.limit("the template recursed more than %d deep", maxDepth)
	}
	if err := g.step(); err != nil {
		return nil, err
	}
	g.depth++
	defer func() { g.depth-- }()
	return fn(&exec.VarArgs{Args: args.Args[1:], KwArgs: args.KwArgs}), nil
}

// guardIter is __hearth_iter__(items): items, once a step per item is
// counted, since gonja copies every item of a loop before the first
// iteration.
func guardIter(e *exec.Evaluator, args *exec.VarArgs) (*exec.Value, error) {
	g, v, err := guardArg(e, args)
	if err != nil {
		return nil, err
	}
	if v.IsString() || v.IsList() || v.IsDict() {
		g.steps += v.Len()
	}
	if err := g.step(); err != nil {
		return nil, err
	}
	return v, nil
}
