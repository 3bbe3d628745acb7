package ollama

import (
	"encoding/json"
	"fmt"

	"github.com/ollama/ollama/api"

	"github.com/hearth-app/hearth/engine"
)

// options maps engine options to Ollama's. Zero values are left out, except
// the temperature: the engine's zero value means greedy decoding, which is
// temperature 0 for Ollama too.
func options(o engine.Options) map[string]any {
	m := map[string]any{"temperature": o.Temperature}
	set := func(key string, v any, present bool) {
		if present {
			m[key] = v
		}
	}
	set("top_k", o.TopK, o.TopK != 0)
	set("top_p", o.TopP, o.TopP != 0)
	set("min_p", o.MinP, o.MinP != 0)
	set("repeat_penalty", o.RepeatPenalty, o.RepeatPenalty != 0)
	set("repeat_last_n", o.RepeatLastN, o.RepeatLastN != 0)
	set("seed", o.Seed, o.Seed != 0)
	set("num_predict", o.MaxTokens, o.MaxTokens != 0)
	set("stop", o.Stop, len(o.Stop) > 0)
	set("num_thread", o.Threads, o.Threads != 0)
	return m
}

// messages maps a conversation to Ollama's messages.
func messages(ms []engine.Message) ([]api.Message, error) {
	out := make([]api.Message, 0, len(ms))
	for _, m := range ms {
		calls, err := toolCallsOut(m.ToolCalls)
		if err != nil {
			return nil, err
		}
		am := api.Message{Role: m.Role, Content: m.Content, ToolCalls: calls, ToolCallID: m.ToolCallID}
		if m.Role == "tool" {
			am.ToolName = m.Name
		}
		out = append(out, am)
	}
	return out, nil
}

// toolCallsOut maps the tool calls of an earlier assistant turn.
func toolCallsOut(calls []engine.ToolCall) ([]api.ToolCall, error) {
	var out []api.ToolCall
	for i, c := range calls {
		args := api.NewToolCallFunctionArguments()
		if len(c.Arguments) > 0 {
			if err := json.Unmarshal(c.Arguments, &args); err != nil {
				return nil, fmt.Errorf("tool call %q: arguments are not a JSON object: %w", c.Name, err)
			}
		}
		out = append(out, api.ToolCall{ID: c.ID, Function: api.ToolCallFunction{Index: i, Name: c.Name, Arguments: args}})
	}
	return out, nil
}

// tools maps tool descriptions; a tool without parameters takes none.
func tools(ts []engine.Tool) (api.Tools, error) {
	var out api.Tools
	for _, t := range ts {
		params := api.ToolFunctionParameters{Type: "object", Properties: api.NewToolPropertiesMap()}
		if len(t.Parameters) > 0 {
			if err := json.Unmarshal(t.Parameters, &params); err != nil {
				return nil, fmt.Errorf("tool %q: parameters are not a JSON schema object: %w", t.Name, err)
			}
		}
		out = append(out, api.Tool{Type: "function", Function: api.ToolFunction{Name: t.Name, Description: t.Description, Parameters: params}})
	}
	return out, nil
}

// toolCallsIn maps the tool calls in a chunk of the answer.
func toolCallsIn(calls []api.ToolCall) ([]engine.ToolCall, error) {
	var out []engine.ToolCall
	for _, c := range calls {
		args, err := json.Marshal(c.Function.Arguments)
		if err != nil {
			return nil, fmt.Errorf("tool call %q: %w", c.Function.Name, err)
		}
		out = append(out, engine.ToolCall{ID: c.ID, Name: c.Function.Name, Arguments: args})
	}
	return out, nil
}

// stats maps the metrics of the final message. Ollama says "stop" both for
// the end of sequence and for a stop string; it is reported as "stop" only
// when the request had stop strings.
func stats(m api.Metrics, doneReason string, req engine.Request) *engine.Stats {
	reason := doneReason
	if doneReason == "stop" || doneReason == "" {
		reason = "eos"
		if len(req.Options.Stop) > 0 {
			reason = "stop"
		}
	}
	return &engine.Stats{
		PromptTokens:     m.PromptEvalCount,
		GeneratedTokens:  m.EvalCount,
		PromptDuration:   m.PromptEvalDuration,
		GenerateDuration: m.EvalDuration,
		StopReason:       reason,
	}
}
