package toolcall

import "strings"

// Detect returns the tool-call format a chat template teaches its model,
// judged by the markers the template's text contains, or nil when it shows
// none. A template with none (ChatML without tools, say) gets the Hermes
// format from DetectOrDefault.
func Detect(template string) *Format {
	switch {
	case strings.Contains(template, "<|tool_call|>"),
		strings.Contains(template, "<|tool|>") && strings.Contains(template, "<|/tool|>"):
		return &Phi4Mini
	case strings.Contains(template, "<tool_call>"):
		return &Hermes
	case strings.Contains(template, "[TOOL_CALLS]"):
		return &Mistral
	case strings.Contains(template, "<|python_tag|>"),
		strings.Contains(template, "<|start_header_id|>") && strings.Contains(template, `"parameters"`):
		return &Llama3
	}
	return nil
}

// DetectOrDefault is Detect, falling back to Hermes, the convention most
// small open models are tuned on (a template with no markers, such as the
// ChatML Hearth uses for models without one, teaches none).
func DetectOrDefault(template string) *Format {
	if f := Detect(template); f != nil {
		return f
	}
	return &Hermes
}
