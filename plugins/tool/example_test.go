package tool_test

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hearth-app/hearth/plugins/tool"
)

// clock is a provider with one read-only built-in.
type clock struct{}

func (clock) Source() string { return tool.SourceHearth }
func (clock) Tools(context.Context) ([]tool.Tool, error) {
	return []tool.Tool{{Source: tool.SourceHearth, Name: "current_time", Description: "The time.",
		Trust: tool.TrustBuiltin, Risk: tool.RiskRead}}, nil
}
func (clock) Call(context.Context, string, json.RawMessage) (tool.Result, error) {
	return tool.Result{Text: "12:00", Size: 5}, nil
}

// A chat turn lists the tools to offer, and calls the one the model chose;
// a read-only built-in runs without asking, and the call is audited.
func Example() {
	ctx := context.Background()
	r := tool.New(&tool.MemStore{}, clock{})
	offered, _ := r.Offered(ctx)
	fmt.Println(offered[0].ModelName, offered[0].Trust)
	res, _ := r.Call(ctx, tool.Call{Source: "hearth", Name: "current_time", Conversation: 1}, nil)
	fmt.Println(res.Text)
	log, _ := r.Audit(ctx)
	fmt.Println(log[0].Tool, "approved by", log[0].ApprovedBy)
	// Output:
	// current_time builtin
	// 12:00
	// current_time approved by policy: read-only built-in
}
