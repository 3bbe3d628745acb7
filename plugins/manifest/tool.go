package manifest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// checkTools checks the tools: unique names, descriptions, and input
// schemas that compile and describe an object.
func (m *Manifest) checkTools() error {
	if len(m.Tools) > maxTools {
		return invalid("it offers more than %d tools", maxTools)
	}
	seen := map[string]bool{}
	for _, t := range m.Tools {
		if !toolNamePattern.MatchString(t.Name) {
			return invalid("the tool name %q is not 1 to 64 letters, digits, hyphens or underscores", clip(t.Name))
		}
		if seen[t.Name] {
			return invalid("the tool %q is offered twice", t.Name)
		}
		seen[t.Name] = true
		if err := t.check(); err != nil {
			return err
		}
	}
	return nil
}

// check checks one tool past its name.
func (t Tool) check() error {
	if strings.TrimSpace(t.Description) == "" {
		return invalid("the tool %q has no description", t.Name)
	}
	if err := checkText("description of tool "+t.Name, t.Description, maxToolDesc, true); err != nil {
		return err
	}
	if t.ReadOnly && t.Destructive {
		return invalid("the tool %q says it is both read-only and destructive", t.Name)
	}
	if len(t.InputSchema) > maxSchema {
		return invalid("the input schema of tool %q is larger than %d KiB", t.Name, maxSchema>>10)
	}
	return checkSchema(t.Name, t.InputSchema)
}

// checkSchema compiles a tool's input schema and checks that it describes
// a JSON object.
func checkSchema(tool string, raw json.RawMessage) error {
	var head struct {
		Type any `json:"type"`
	}
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || trimmed[0] != '{' || json.Unmarshal(trimmed, &head) != nil {
		return invalid("the tool %q has no input schema object", tool)
	}
	if head.Type != "object" {
		return invalid("the input schema of tool %q is not of type \"object\"", tool)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return invalid("the input schema of tool %q is not valid JSON", tool)
	}
	c := jsonschema.NewCompiler()
	c.UseLoader(refuseLoader{})
	c.DefaultDraft(jsonschema.Draft2020)
	const url = "hearth:plugin-tool-input.json"
	if err := c.AddResource(url, doc); err != nil {
		return invalid("the input schema of tool %q is not a JSON Schema", tool)
	}
	if _, err := c.Compile(url); err != nil {
		return invalid("the input schema of tool %q does not compile as a JSON Schema", tool)
	}
	return nil
}

// refuseLoader loads no external schema: a plugin's schema must not make
// Hearth read files or reach the network.
type refuseLoader struct{}

func (refuseLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("external schema %s is not loaded", url)
}
