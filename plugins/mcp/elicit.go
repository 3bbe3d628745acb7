package mcp

import (
	"context"
	"encoding/json"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// Elicitation is a server's request for information from the user.
type Elicitation struct {
	Server  string `json:"server"`
	Message string `json:"message"`
	// Schema is the requested form's JSON Schema (form mode).
	Schema json.RawMessage `json:"schema,omitempty"`
	// URL is the page the server asks the user to open (URL mode).
	URL string `json:"url,omitempty"`
}

// ElicitAnswer is the user's answer: Action is "accept", "decline" or
// "cancel"; Content is the form's values when accepted.
type ElicitAnswer struct {
	Action  string         `json:"action"`
	Content map[string]any `json:"content,omitempty"`
}

// Elicitor shows an elicitation to the user and returns the answer. It
// must ask the user: a model never answers it.
type Elicitor func(ctx context.Context, e Elicitation) (ElicitAnswer, error)

// elicit hands a server's elicitation request to the user's callback.
func elicit(ctx context.Context, server string, ask Elicitor, req *sdk.ElicitRequest) (*sdk.ElicitResult, error) {
	e := Elicitation{Server: server, Message: req.Params.Message, URL: req.Params.URL}
	if req.Params.RequestedSchema != nil {
		e.Schema, _ = json.Marshal(req.Params.RequestedSchema)
	}
	a, err := ask(ctx, e)
	if err != nil {
		return nil, err
	}
	return &sdk.ElicitResult{Action: a.Action, Content: a.Content}, nil
}
