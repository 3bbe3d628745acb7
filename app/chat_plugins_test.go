package app

import (
	"context"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/plugins/bundle"
	"github.com/hearth-app/hearth/plugins/manager"
)

// TestChatPluginTool: a chat turn on the real engine calls the units
// plugin's convert tool after the person allows it once, and the result
// (1 mi = 1.609344 km) goes back to the model. The arguments come in the
// schema's order (pluginStage writes plugin.json with sorted keys), which
// the engine's constrained decoding keeps.
func TestChatPluginTool(t *testing.T) {
	c := newScriptedChatContext(t, 32768, calling("dev_hearth_units__convert", "{\"from\": ", "\"mi\"", ", \"to\": ", "\"km\"", ", \"value\": ", "1}"), []string{"About 1.6 km."})
	t.Cleanup(func() { _ = c.s.stopTools() })
	keyFile, _ := signingKey(t)
	key, err := bundle.LoadPrivateKey(keyFile, nil)
	if err != nil {
		t.Fatal(err)
	}
	zip, err := bundle.Pack(pluginStage(t, "../plugins/examples/units", nil), key)
	if err != nil {
		t.Fatal(err)
	}
	yes := manager.ApproverFunc(func(context.Context, manager.Prompt) (bool, error) { return true, nil })
	if _, err := c.s.tools.plugins.Install(context.Background(), zip, yes); err != nil {
		t.Fatal(err)
	}
	c.ev.answer = func(q chatToolAsk) { _ = c.s.AnswerTool(q.RequestID, q.CallID, "once") }
	done := c.send(t, "How far is a mile in km?")

	calls := done.Message.ToolCalls
	if len(calls) != 1 || calls[0].Source != "plugin:dev.hearth.units" || calls[0].Name != "convert" || calls[0].Error != "" || !strings.Contains(calls[0].Result, "1.609344") {
		t.Fatalf("tool calls: %+v", calls)
	}
	if len(c.ev.asks) != 1 || c.ev.asks[0].TrustNote != "sandboxed plugin" || c.ev.asks[0].Risk != "read" {
		t.Fatalf("questions: %+v", c.ev.asks)
	}
	tm := toolMessages(c.b.requests()[1])
	if len(tm) != 1 || !strings.Contains(tm[0].Content, "1.609344") {
		t.Fatalf("second round's tool messages: %+v", tm)
	}
	if done.Message.Text != "About 1.6 km." {
		t.Fatalf("answer %q", done.Message.Text)
	}
}
