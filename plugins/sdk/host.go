package sdk

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
)

// invoke sends a request to a host function and decodes its answer.
func invoke(function string, request, answer any) error {
	data, err := json.Marshal(request)
	if err != nil {
		return fmt.Errorf("%s: %w", function, err)
	}
	status, reply := hostCall(function, data)
	if status != 0 {
		herr := &Error{}
		if err := json.Unmarshal(reply, herr); err != nil || herr.Code == "" {
			return &Error{Code: "failed", Message: function + " failed"}
		}
		return herr
	}
	if err := json.Unmarshal(reply, answer); err != nil {
		return fmt.Errorf("%s: the host's answer could not be read: %w", function, err)
	}
	return nil
}

// Hit is a memory or document passage found by SearchMemory.
type Hit struct {
	Text   string  `json:"text"`
	Source string  `json:"source"` // "memory" or "document"
	Title  string  `json:"title"`
	Score  float64 `json:"score"`
}

// SearchMemory returns up to k (at most 50) of the user's memories and
// document passages that match query. It needs memory:read.
func SearchMemory(query string, k int) ([]Hit, error) {
	var answer struct {
		Results []Hit `json:"results"`
	}
	err := invoke("memory_search", map[string]any{"query": query, "k": k}, &answer)
	return answer.Results, err
}

// WriteMemory stores text as a new memory and returns its id. It needs
// memory:write.
func WriteMemory(text string) (string, error) {
	var answer struct {
		ID string `json:"id"`
	}
	err := invoke("memory_write", map[string]string{"text": text}, &answer)
	return answer.ID, err
}

// FetchRequest is an HTTP request for Fetch. Method defaults to GET.
type FetchRequest struct {
	Method  string            `json:"method,omitempty"`
	URL     string            `json:"url"`
	Headers map[string]string `json:"headers,omitempty"`
	Body    string            `json:"body,omitempty"`
}

// FetchResponse is the answer to a FetchRequest.
type FetchResponse struct {
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
}

// Fetch makes an HTTPS request to one of the hosts the manifest lists
// under net:fetch. The body is at most 1 MiB and the whole fetch at most
// 15 s.
func Fetch(req FetchRequest) (FetchResponse, error) {
	var answer FetchResponse
	err := invoke("net_fetch", req, &answer)
	return answer, err
}

// Generate asks the user's language model to continue prompt with at most
// maxTokens tokens. It needs llm:generate.
func Generate(prompt string, maxTokens int) (string, error) {
	var answer struct {
		Text string `json:"text"`
	}
	err := invoke("llm_generate", map[string]any{"prompt": prompt, "max_tokens": maxTokens}, &answer)
	return answer.Text, err
}

// Notify shows the user a notification. It needs notify.
func Notify(title, body string) error {
	return invoke("notify", map[string]string{"title": title, "body": body}, &struct{}{})
}

// Secret returns the plugin's secret stored under key; ok is false when
// there is none. It needs secrets.
func Secret(key string) (value string, ok bool, err error) {
	var answer struct {
		Value *string `json:"value"`
	}
	if err := invoke("secret_get", map[string]string{"key": key}, &answer); err != nil {
		return "", false, err
	}
	if answer.Value == nil {
		return "", false, nil
	}
	return *answer.Value, true, nil
}

// SetSecret stores value under key in the plugin's own secrets. It needs
// secrets.
func SetSecret(key, value string) error {
	return invoke("secret_set", map[string]string{"key": key, "value": value}, &struct{}{})
}

// DeleteSecret removes the plugin's secret stored under key. It needs
// secrets.
func DeleteSecret(key string) error {
	return invoke("secret_delete", map[string]string{"key": key}, &struct{}{})
}

// PickFile asks the user to choose a file (at most 4 MiB) and returns its
// name and content; ok is false when the user cancelled. It needs
// files:pick.
func PickFile(title string) (name string, data []byte, ok bool, err error) {
	var answer struct {
		Name      string `json:"name"`
		Content   string `json:"content_base64"`
		Cancelled bool   `json:"cancelled"`
	}
	if err := invoke("files_pick", map[string]string{"title": title}, &answer); err != nil {
		return "", nil, false, err
	}
	if answer.Cancelled {
		return "", nil, false, nil
	}
	data, err = base64.StdEncoding.DecodeString(answer.Content)
	if err != nil {
		return "", nil, false, fmt.Errorf("files_pick: the host's answer could not be read: %w", err)
	}
	return answer.Name, data, true, nil
}

// Log writes a line to the plugin's log.
func Log(text string) {
	hostLog(text)
}
