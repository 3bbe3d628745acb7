package host

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"unicode/utf8"
)

// Bounds on the services' requests and answers.
const (
	maxSearchResults  = 50
	maxGenerateTokens = 4096
	maxPickedFile     = 4 << 20
)

// decodeRequest parses a plugin's JSON request strictly: one object, no
// unknown fields, nothing after it.
func decodeRequest(data []byte, v any) *hostError {
	if !utf8.Valid(data) {
		return invalid("the request is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return invalid("the request is not the JSON object this function takes")
	}
	if len(bytes.TrimSpace(data[dec.InputOffset():])) > 0 {
		return invalid("the request has data after its JSON object")
	}
	return nil
}

// serviceFailed turns a Services error into the plugin's answer. The
// error's own text is not passed on: it may say more about the machine
// than a plugin should learn.
func serviceFailed(ctx context.Context, what string, err error) *hostError {
	if errors.Is(err, ErrPermissionDenied) {
		return denied("the host refused to " + what)
	}
	if ctx.Err() != nil {
		return failed("the call ended before the host could " + what)
	}
	return failed("the host could not " + what)
}

func noServices() *hostError { return failed("this plugin has no host services") }

func serveMemorySearch(ctx context.Context, c call, _ Capability) (any, string, *hostError) {
	var req struct {
		Query string `json:"query"`
		K     int    `json:"k"`
	}
	if herr := decodeRequest(c.request, &req); herr != nil {
		return nil, "", herr
	}
	if req.K <= 0 {
		req.K = 5
	}
	if req.K > maxSearchResults {
		return nil, "", invalid("k is at most 50")
	}
	if c.plugin.services == nil {
		return nil, "", noServices()
	}
	hits, err := c.plugin.services.SearchMemory(ctx, req.Query, req.K)
	if err != nil {
		return nil, "", serviceFailed(ctx, "search memory", err)
	}
	if hits == nil {
		hits = []Hit{}
	}
	return map[string][]Hit{"results": hits[:min(len(hits), req.K)]}, "", nil
}

func serveMemoryWrite(ctx context.Context, c call, _ Capability) (any, string, *hostError) {
	var req struct {
		Text string `json:"text"`
	}
	if herr := decodeRequest(c.request, &req); herr != nil {
		return nil, "", herr
	}
	if strings.TrimSpace(req.Text) == "" {
		return nil, "", invalid("the memory to write is empty")
	}
	if c.plugin.services == nil {
		return nil, "", noServices()
	}
	id, err := c.plugin.services.WriteMemory(ctx, req.Text)
	if err != nil {
		return nil, "", serviceFailed(ctx, "write the memory", err)
	}
	return map[string]string{"id": id}, "id " + id, nil
}

func serveGenerate(ctx context.Context, c call, _ Capability) (any, string, *hostError) {
	var req struct {
		Prompt    string `json:"prompt"`
		MaxTokens int    `json:"max_tokens"`
	}
	if herr := decodeRequest(c.request, &req); herr != nil {
		return nil, "", herr
	}
	if req.MaxTokens <= 0 {
		req.MaxTokens = 256
	}
	if req.MaxTokens > maxGenerateTokens {
		return nil, "", invalid("max_tokens is at most 4096")
	}
	if c.plugin.services == nil {
		return nil, "", noServices()
	}
	text, err := c.plugin.services.Generate(ctx, req.Prompt, req.MaxTokens)
	if err != nil {
		return nil, "", serviceFailed(ctx, "generate text", err)
	}
	return map[string]string{"text": text}, "", nil
}

func serveNotify(ctx context.Context, c call, _ Capability) (any, string, *hostError) {
	var req struct {
		Title string `json:"title"`
		Body  string `json:"body"`
	}
	if herr := decodeRequest(c.request, &req); herr != nil {
		return nil, "", herr
	}
	if c.plugin.services == nil {
		return nil, "", noServices()
	}
	if err := c.plugin.services.Notify(ctx, req.Title, req.Body); err != nil {
		return nil, "", serviceFailed(ctx, "show the notification", err)
	}
	return struct{}{}, "", nil
}

// secretRequest is the request of the three secret functions.
type secretRequest struct {
	Key   string  `json:"key"`
	Value *string `json:"value,omitempty"`
}

func decodeSecret(c call, wantValue bool) (secretRequest, *hostError) {
	var req secretRequest
	if herr := decodeRequest(c.request, &req); herr != nil {
		return req, herr
	}
	if req.Key == "" || len(req.Key) > 256 {
		return req, invalid("a secret's key is 1 to 256 bytes long")
	}
	if wantValue != (req.Value != nil) {
		return req, invalid("the request's value field is wrong for this function")
	}
	if c.plugin.services == nil {
		return req, noServices()
	}
	return req, nil
}

func serveSecretGet(ctx context.Context, c call, _ Capability) (any, string, *hostError) {
	req, herr := decodeSecret(c, false)
	if herr != nil {
		return nil, "", herr
	}
	value, ok, err := c.plugin.services.Secret(ctx, req.Key)
	if err != nil {
		return nil, "key " + req.Key, serviceFailed(ctx, "read the secret", err)
	}
	if !ok {
		return map[string]*string{"value": nil}, "key " + req.Key, nil
	}
	return map[string]*string{"value": &value}, "key " + req.Key, nil
}

func serveSecretSet(ctx context.Context, c call, _ Capability) (any, string, *hostError) {
	req, herr := decodeSecret(c, true)
	if herr != nil {
		return nil, "", herr
	}
	if err := c.plugin.services.SetSecret(ctx, req.Key, *req.Value); err != nil {
		return nil, "key " + req.Key, serviceFailed(ctx, "store the secret", err)
	}
	return struct{}{}, "key " + req.Key, nil
}

func serveSecretDelete(ctx context.Context, c call, _ Capability) (any, string, *hostError) {
	req, herr := decodeSecret(c, false)
	if herr != nil {
		return nil, "", herr
	}
	if err := c.plugin.services.DeleteSecret(ctx, req.Key); err != nil {
		return nil, "key " + req.Key, serviceFailed(ctx, "delete the secret", err)
	}
	return struct{}{}, "key " + req.Key, nil
}

func serveFilesPick(ctx context.Context, c call, _ Capability) (any, string, *hostError) {
	var req struct {
		Title string `json:"title"`
	}
	if herr := decodeRequest(c.request, &req); herr != nil {
		return nil, "", herr
	}
	if c.plugin.services == nil {
		return nil, "", noServices()
	}
	name, data, ok, err := c.plugin.services.PickFile(ctx, req.Title)
	if err != nil {
		return nil, "", serviceFailed(ctx, "open the file picker", err)
	}
	if !ok {
		return map[string]bool{"cancelled": true}, "cancelled", nil
	}
	if len(data) > maxPickedFile {
		return nil, "file " + name, tooLarge("the picked file is larger than 4 MiB")
	}
	return map[string]string{"name": name, "content_base64": base64.StdEncoding.EncodeToString(data)}, "file " + name, nil
}
