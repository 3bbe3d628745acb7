package chattemplate

import (
	"fmt"

	"github.com/nikolalohinski/gonja/v2/builtins"
	controlStructures "github.com/nikolalohinski/gonja/v2/builtins/control_structures"
	"github.com/nikolalohinski/gonja/v2/exec"
	"github.com/nikolalohinski/gonja/v2/nodes"
	"github.com/nikolalohinski/gonja/v2/parser"
)

// guardedControlStructures returns gonja's control structures with
// {% macro %} replaced by one whose macros count how deeply they are called
// within each other. gonja runs a macro's body in the variables of the
// place the macro was defined, so the block nesting guardStep counts does
// not grow with recursion; this counter does.
func guardedControlStructures() *exec.ControlStructureSet {
	set := exec.NewControlStructureSet(map[string]parser.ControlStructureParser{}).Update(builtins.ControlStructures)
	orig, ok := set.Get("macro")
	if !ok {
		return set
	}
	_ = set.Replace("macro", func(p *parser.Parser, args *parser.Parser) (nodes.ControlStructure, error) {
		cs, err := orig(p, args)
		if err != nil {
			return nil, err
		}
		m, ok := cs.(*controlStructures.MacroControlStructure)
		if !ok {
			return nil, fmt.Errorf("chat templates: unexpected macro %T", cs)
		}
		return &guardedMacro{m}, nil
	})
	return set
}

// guardedMacro is {% macro %} with a call depth limit.
type guardedMacro struct {
	*controlStructures.MacroControlStructure
}

// Execute defines the macro as gonja does, wrapped in the depth count.
func (m *guardedMacro) Execute(r *exec.Renderer, _ *nodes.ControlStructureBlock) error {
	macro, err := exec.MacroNodeToFunc(m.Macro, r)
	if err != nil {
		return fmt.Errorf("macro %s: %w", m.Name, err)
	}
	g, err := guardOf(r.Evaluator())
	if err != nil {
		return err
	}
	r.Environment.Context.Set(m.Name, exec.Macro(func(params *exec.VarArgs) *exec.Value {
		if g.depth >= maxDepth {
			return exec.AsValue(g.limit("the template called macros more than %d deep", maxDepth))
		}
		if err := g.step(); err != nil {
			return exec.AsValue(err)
		}
		g.depth++
		defer func() { g.depth-- }()
		return macro(params)
	}))
	return nil
}
