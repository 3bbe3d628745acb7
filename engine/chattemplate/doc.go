// Package chattemplate renders a model's chat template: the Jinja program a
// model ships in its GGUF metadata (tokenizer.chat_template) that turns a
// conversation into the exact prompt text the model was trained on.
//
// Rendering uses github.com/nikolalohinski/gonja/v2, a Jinja engine in pure
// Go, configured the way Hugging Face renders chat templates (trim_blocks and
// lstrip_blocks on, the final newline of the template dropped) and extended
// with what chat templates rely on and gonja lacks or does differently:
// raise_exception and strftime_now; dictionaries that keep their key order
// (tool schemas, tool call arguments); tojson in Python's json.dumps format;
// dict.items(); inline conditionals inside parentheses, "(a if c else b)",
// which gonja parses only as a whole {{ }} (Gemma 3's template has one): Parse
// rewrites them into a hidden call that, unlike Jinja, evaluates both
// branches. The reference for every difference is @huggingface/jinja, the
// engine of transformers.js; the tests render real templates with both and
// compare byte for byte.
//
// The variables a template sees are messages, tools (when any),
// add_generation_prompt, bos_token and eos_token, plus any extra ones the
// caller passes (enable_thinking, date_string, ...). For templates that
// read tools only from the system message (Phi-4-mini), Input.SystemTools
// puts a tools string there, and DumpJSON writes JSON the way such a
// template's model was shown it. A model without a template gets ChatML
// (Default).
//
// # Limits
//
// A chat template is code from a downloaded file. Parse refuses templates
// over 1 MiB, tags of over 2000 tokens and blocks nested over 100 deep
// (gonja parses by recursive descent, and a stack overflow kills the
// process), and the one input known to loop gonja's lexer (a number's dot
// before a multi-byte character); a panic in gonja becomes an error.
// RenderContext stops a rendering when its context ends (Stop) and bounds
// it: MaxTime, MaxOutput bytes of output and of any value, 262144 steps,
// 64 levels of macro or loop recursion.
//
// gonja has no hooks for this, so Parse rewrites the parsed tree (see
// guardTemplate): every block starts with a step, every {{ }} and filter
// call and every *, + and ~ goes through a guard function that measures
// before it builds, and range returns a bounded list. The guard of each
// rendering travels in its variables, so concurrent renderings keep their
// own counts. The rewrite reaches unexported fields of gonja's nodes
// through reflect and unsafe; the gonja version is pinned in go.mod, and
// the reference tests render every real template through the rewrite.
package chattemplate
