package chattemplate

// chatML is the template for models without one: ChatML, the format of
// Qwen, SmolLM and many fine-tunes, with tool results as "tool" turns.
const chatML = `{%- for message in messages -%}
{{- '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>\n' -}}
{%- endfor -%}
{%- if add_generation_prompt -%}
{{- '<|im_start|>assistant\n' -}}
{%- endif -%}`

// Default returns the ChatML template used when a model has none.
func Default() *Template {
	t, err := Parse(chatML)
	if err != nil {
		panic("chattemplate: built-in ChatML template does not parse: " + err.Error())
	}
	return t
}
