// Package toolcall finds the tool calls a model writes in its answer.
//
// Each family of models marks a call its own way: Qwen and Hermes-style
// models wrap a JSON object in <tool_call> tags, Llama 3.x answers with a
// bare JSON object or after <|python_tag|>, Mistral writes [TOOL_CALLS]
// and a JSON array, Phi-4-mini a JSON array between <|tool_call|> and
// <|/tool_call|>. A Format describes one such convention, and Detect
// picks it from the text of the model's chat template (the markers the
// template writes), never from the model's file name.
//
// A Parser reads the answer as it streams. Text outside calls passes
// through as it comes; the markup never does. A marker split across chunks
// is held back until it is decided, and a call still open when the answer
// ends is reported as truncated, not shown as text. Model output is
// untrusted: a call is cut at MaxCallBytes, and each call's name and
// arguments are checked against the tools offered (their JSON Schema).
//
// Constrained decoding lives in constrain.go: once a call's opening marker
// has been seen, a Constraint tells the sampler which tokens keep the call
// a valid prefix of JSON that matches the tool's schema.
package toolcall
