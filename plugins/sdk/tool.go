package sdk

import (
	"encoding/json"
	"fmt"
)

// APIVersion is the plugin ABI version this SDK speaks.
const APIVersion = 1

// Result is a tool's answer: text for the model and the user, optional
// structured data (encoded as a JSON object), and whether it is an error.
type Result struct {
	Text       string
	Structured any
	IsError    bool
}

// Handler runs one tool with its JSON arguments.
type Handler func(args json.RawMessage) (Result, error)

// tools are the registered tools by name. Registration happens in init,
// before the host makes any call, so no lock is needed.
var tools = map[string]Handler{}

// Tool registers the handler of a tool the manifest declares. It panics
// when a name is registered twice, a mistake of the plugin's own code.
func Tool(name string, h Handler) {
	if _, dup := tools[name]; dup {
		panic("sdk: tool " + name + " registered twice")
	}
	tools[name] = h
}

// response is the JSON of ABI.md's hearth_call answer.
type response struct {
	Text       string `json:"text"`
	Structured any    `json:"structured,omitempty"`
	IsError    bool   `json:"is_error,omitempty"`
}

// runTool calls the named tool and encodes its answer. Errors and panics
// become answers with is_error set.
func runTool(name string, args json.RawMessage) []byte {
	h, ok := tools[name]
	if !ok {
		return encode(response{Text: "this plugin has no tool " + name, IsError: true})
	}
	res, err := safeRun(h, args)
	if err != nil {
		return encode(response{Text: err.Error(), IsError: true})
	}
	return encode(response{Text: res.Text, Structured: res.Structured, IsError: res.IsError})
}

func safeRun(h Handler, args json.RawMessage) (res Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the tool failed: %v", r)
		}
	}()
	return h(args)
}

func encode(r response) []byte {
	data, err := json.Marshal(r)
	if err != nil {
		data, _ = json.Marshal(response{Text: "the tool's answer could not be encoded: " + err.Error(), IsError: true})
	}
	return data
}
