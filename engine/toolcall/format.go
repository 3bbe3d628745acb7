package toolcall

// Format describes how one family of models marks a tool call.
type Format struct {
	// Name identifies the format ("hermes", "llama3", "mistral",
	// "phi4mini").
	Name string
	// Open are the markers that start a call anywhere in the answer.
	Open []string
	// Close ends a call; "" means the call ends where its JSON value
	// ends (or, for a value that is not JSON, with the answer).
	Close string
	// CloseOptional takes a call whose JSON value is whole when the
	// answer ends, though Close never came (Phi-4-mini often leaves it
	// out); a value that has not ended is still truncated.
	CloseOptional bool
	// List makes constrained decoding write the calls as a JSON array
	// (Mistral, Phi-4-mini); the parser takes an array or one object.
	List bool
	// Leading makes a JSON object that names a function at the very start
	// of the answer a call, with no marker (Llama 3.x).
	Leading bool
	// ArgsKey is the key models of this family write the arguments under;
	// the parser takes either, constrained decoding writes this one.
	ArgsKey string
	// ID lets a call end with "id": a string of nine characters, the call
	// id Mistral models write after the arguments.
	ID bool
	// SystemTools: the family's template reads the tools only as a JSON
	// string under the system message's "tools" key, not from the
	// template's tools variable (Phi-4-mini).
	SystemTools bool
}

// Hermes is the <tool_call>{json}</tool_call> format of Qwen2.5, Qwen3,
// Hermes 2 Pro, SmolLM3 and many fine-tunes.
var Hermes = Format{Name: "hermes", Open: []string{"<tool_call>"}, Close: "</tool_call>", ArgsKey: "arguments"}

// Llama3 is the format of Llama 3.1 to 3.3: a bare JSON object
// {"name": ..., "parameters": ...} as the whole answer, or a call after
// <|python_tag|> (JSON, or a built-in tool's name.call(code="...")).
var Llama3 = Format{Name: "llama3", Open: []string{"<|python_tag|>"}, Leading: true, ArgsKey: "parameters"}

// Mistral is the [TOOL_CALLS][{"name": ..., "arguments": ..., "id": ...}]
// format of Mistral Nemo and Mistral 7B v0.3.
var Mistral = Format{Name: "mistral", Open: []string{"[TOOL_CALLS]"}, ArgsKey: "arguments", List: true, ID: true}

// Phi4Mini is the format of Phi-4-mini-instruct: the calls as a JSON array
// of {"name": ..., "arguments": ...} between <|tool_call|> and
// <|/tool_call|>, the tools given in the system message (see RATIONALE.md).
var Phi4Mini = Format{Name: "phi4mini", Open: []string{"<|tool_call|>"}, Close: "<|/tool_call|>", CloseOptional: true,
	ArgsKey: "arguments", List: true, SystemTools: true}
