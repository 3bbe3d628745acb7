package tool

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/hearth-app/hearth/internal/schemabudget"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Bounds of argument checking: a schema larger than maxSchemaSize makes
// its tool uncallable, arguments larger than maxArgsSize are refused, and
// at most maxCachedSchemas compiled schemas are kept (the oldest goes).
const (
	maxSchemaSize    = 64 << 10
	maxArgsSize      = 1 << 20
	maxCachedSchemas = 256
)

// Errors of argument checking, for errors.Is.
var (
	// ErrInvalidArgs is a call whose arguments do not fit the tool's input
	// schema; the error's text names the first problem in one sentence.
	ErrInvalidArgs = errors.New("the arguments do not fit the tool's input schema")
	// ErrBadSchema is a tool whose input schema is too large or does not
	// compile: it cannot be called, since its arguments cannot be checked.
	ErrBadSchema = errors.New("the tool's input schema is not a valid JSON Schema")
)

// refusal is a refused call's one sentence, which wraps kind.
type refusal struct {
	sentence string
	kind     error
}

func (e refusal) Error() string { return e.sentence }
func (e refusal) Unwrap() error { return e.kind }

// argsError refuses arguments with one sentence.
func argsError(sentence string) error { return refusal{sentence, ErrInvalidArgs} }

// Schemas checks calls' arguments against their tools' input schemas,
// compiling each schema once. It is safe for concurrent use, and may be
// shared by registries built one after another (see [Registry.UseSchemas]).
type Schemas struct {
	mu    sync.Mutex
	byKey map[schemaKey]*compiled
	order []schemaKey // oldest first
}

// schemaKey identifies a schema: the tool and the hash of its schema, so a
// tool whose schema changes is compiled again.
type schemaKey struct {
	source, name string
	sum          [sha256.Size]byte
}

// compiled is a compiled schema and its step budget, or why it did not
// compile.
type compiled struct {
	schema *jsonschema.Schema
	err    error
	budget *schemabudget.Budget
}

// NewSchemas returns an empty cache of compiled schemas.
func NewSchemas() *Schemas {
	return &Schemas{byKey: make(map[schemaKey]*compiled)}
}

// Check returns nil when args (a JSON object; empty means {}) fit t's input
// schema. Otherwise it returns an error wrapping ErrInvalidArgs whose text
// is one sentence naming the first problem, or one wrapping ErrBadSchema
// when t's schema cannot be used.
func (s *Schemas) Check(t Tool, args json.RawMessage) error {
	if len(args) > maxArgsSize {
		return argsError(fmt.Sprintf("the arguments are larger than %d KiB", maxArgsSize>>10))
	}
	if len(bytes.TrimSpace(args)) == 0 {
		args = json.RawMessage("{}")
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(args))
	if _, ok := inst.(map[string]any); err != nil || !ok {
		return argsError("the arguments must be a JSON object")
	}
	c := s.compiled(t)
	if c.err != nil {
		return c.err
	}
	err = c.budget.Validate(c.schema, inst)
	if err != nil {
		if errors.Is(err, schemabudget.ErrTooCostly) {
			return argsError(err.Error())
		}
		var ve *jsonschema.ValidationError
		if errors.As(err, &ve) {
			return argsError(problem(ve))
		}
		return argsError("the arguments do not fit the tool's input schema")
	}
	return nil
}

// compiled returns t's compiled schema, compiling it on first use.
func (s *Schemas) compiled(t Tool) *compiled {
	k := schemaKey{source: t.Source, name: t.Name, sum: sha256.Sum256(t.InputSchema)}
	s.mu.Lock()
	c, ok := s.byKey[k]
	s.mu.Unlock()
	if ok {
		return c
	}
	c = compile(t)
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.byKey[k]; ok {
		return old
	}
	s.byKey[k] = c
	s.order = append(s.order, k)
	for len(s.order) > maxCachedSchemas {
		delete(s.byKey, s.order[0])
		s.order = s.order[1:]
	}
	return c
}

// compile compiles t's input schema, loading nothing from outside: a
// schema comes from a server or a plugin and must not make Hearth read
// files or reach the network. No schema means any object.
func compile(t Tool) *compiled {
	raw := bytes.TrimSpace(t.InputSchema)
	if len(raw) == 0 || string(raw) == "null" {
		raw = []byte(`{"type":"object"}`)
	}
	bad := func(why string) *compiled {
		return &compiled{err: refusal{fmt.Sprintf("%s %s cannot be called: %s", t.Source, t.Name, why), ErrBadSchema}}
	}
	if len(raw) > maxSchemaSize {
		return bad(fmt.Sprintf("its input schema is larger than %d KiB", maxSchemaSize>>10))
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return bad("its input schema is not JSON")
	}
	budget := &schemabudget.Budget{}
	c := budget.NewCompiler()
	const url = "hearth:tool-input.json"
	if err := c.AddResource(url, doc); err != nil {
		return bad("its input schema is not a JSON Schema")
	}
	sch, err := c.Compile(url)
	if err != nil {
		return bad("its input schema does not compile")
	}
	return &compiled{schema: sch, budget: budget}
}
