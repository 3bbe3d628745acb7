// Package schemabudget bounds the work of checking a value against a JSON
// Schema that comes from someone Hearth does not trust (an MCP server, a
// plugin's manifest), with github.com/santhosh-tekuri/jsonschema/v6.
//
// The validator does not share work between the branches of anyOf, oneOf
// and $ref, so a small schema with nested combinators can make a small
// value take exponential time and memory. A Budget, compiled into every
// object of a schema as an extension keyword, counts the evaluations of one
// check and stops it past MaxSteps; real checks take a few hundred.
package schemabudget

import (
	"errors"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// MaxSteps bounds the schema evaluations of one check.
const MaxSteps = 100_000

// ErrTooCostly is a check stopped by the budget.
var ErrTooCostly = errors.New("the arguments are too costly to check against the tool's input schema")

// Budget counts the evaluations of one check at a time of the schemas
// compiled with its Vocabulary. It is safe for concurrent use: checks take
// turns.
type Budget struct {
	mu    sync.Mutex
	steps int
}

// counter is the extension keyword that counts one evaluation.
type counter struct{ b *Budget }

var _ jsonschema.SchemaExt = counter{}

// Validate counts one evaluation and stops the check past MaxSteps (only
// while the Budget's lock is held, by Validate below).
func (c counter) Validate(*jsonschema.ValidatorContext, any) {
	c.b.steps++
	if c.b.steps > MaxSteps {
		panic(ErrTooCostly)
	}
}

// Vocabulary is the extension that puts b into every schema object; register
// it with the compiler (RegisterVocabulary, then AssertVocabs).
func (b *Budget) Vocabulary() *jsonschema.Vocabulary {
	return &jsonschema.Vocabulary{URL: "hearth:step-budget",
		Compile: func(*jsonschema.CompilerContext, map[string]any) (jsonschema.SchemaExt, error) {
			return counter{b}, nil
		}}
}

// Validate checks inst against sch, compiled with b's Vocabulary, within
// the budget; a check stopped by it returns ErrTooCostly.
func (b *Budget) Validate(sch *jsonschema.Schema, inst any) (err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.steps = 0
	defer func() {
		if r := recover(); r != nil {
			if r != ErrTooCostly {
				panic(r)
			}
			err = ErrTooCostly
		}
	}()
	return sch.Validate(inst)
}

// NewCompiler returns a compiler for untrusted schemas: it loads nothing
// from outside (no files, no network), defaults to draft 2020-12 and
// compiles b into every schema.
func (b *Budget) NewCompiler() *jsonschema.Compiler {
	c := jsonschema.NewCompiler()
	c.UseLoader(refuseLoader{})
	c.DefaultDraft(jsonschema.Draft2020)
	c.RegisterVocabulary(b.Vocabulary())
	c.AssertVocabs()
	return c
}

// refuseLoader loads no external schema.
type refuseLoader struct{}

func (refuseLoader) Load(url string) (any, error) {
	return nil, errors.New("external schema " + url + " is not loaded")
}
