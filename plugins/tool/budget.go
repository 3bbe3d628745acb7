package tool

import (
	"errors"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// maxSteps bounds the schema evaluations of one argument check. The
// validator does not share work between the branches of anyOf, oneOf and
// $ref, so a hostile schema with nested combinators can make a small
// argument take exponential time and memory; real calls take a few
// hundred steps.
const maxSteps = 100_000

// errTooCostly is what a check past maxSteps panics with; check recovers it.
var errTooCostly = errors.New("the arguments are too costly to check against the tool's input schema")

// stepBudget counts schema evaluations: compiled into every object of a
// schema as an extension keyword, its Validate runs once per evaluation.
// A compiled schema's budget serves one check at a time (compiled.mu).
type stepBudget struct{ steps int }

var _ jsonschema.SchemaExt = (*stepBudget)(nil)

// vocabulary is the extension that puts b into every schema object.
func (b *stepBudget) vocabulary() *jsonschema.Vocabulary {
	return &jsonschema.Vocabulary{URL: "hearth:step-budget",
		Compile: func(*jsonschema.CompilerContext, map[string]any) (jsonschema.SchemaExt, error) { return b, nil }}
}

// Validate counts one evaluation and stops the check past maxSteps.
func (b *stepBudget) Validate(*jsonschema.ValidatorContext, any) {
	b.steps++
	if b.steps > maxSteps {
		panic(errTooCostly)
	}
}

// validate runs sch over inst within the budget.
func (b *stepBudget) validate(sch *jsonschema.Schema, inst any) (err error) {
	b.steps = 0
	defer func() {
		if r := recover(); r != nil {
			if r != errTooCostly {
				panic(r)
			}
			err = argsError(errTooCostly.Error())
		}
	}()
	return sch.Validate(inst)
}
