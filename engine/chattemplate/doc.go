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
// dict.items(). The reference for every difference is @huggingface/jinja, the
// engine of transformers.js; the tests render real templates with both and
// compare byte for byte.
//
// The variables a template sees are messages, tools (when any),
// add_generation_prompt, bos_token and eos_token, plus any extra ones the
// caller passes (enable_thinking, date_string, ...). A model without a
// template gets ChatML (Default).
package chattemplate
