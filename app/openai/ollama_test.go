package openai_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	oai "github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/shared"

	"github.com/hearth-app/hearth/engine/ollama"
	"github.com/hearth-app/hearth/engine/ollama/ollamatest"
)

// ollamaClient serves the API over the real Ollama server and returns an
// official OpenAI client for it.
func ollamaClient(t *testing.T) oai.Client {
	t.Helper()
	srv := ref.Need(t)
	b, err := ollama.New(srv.Addr)
	if err != nil {
		t.Fatal(err)
	}
	return client(startServer(t, b), testToken)
}

func storyParams() oai.ChatCompletionNewParams {
	return oai.ChatCompletionNewParams{
		Model:               shared.ChatModel(ollamatest.StoriesName),
		Messages:            []oai.ChatCompletionMessageParamUnion{oai.UserMessage("Once upon a time")},
		Temperature:         oai.Float(0),
		MaxCompletionTokens: oai.Int(30),
	}
}

func TestOllamaChat(t *testing.T) {
	c := ollamaClient(t)
	resp, err := c.Chat.Completions.New(context.Background(), storyParams())
	if err != nil {
		t.Fatal(err)
	}
	ch := resp.Choices[0]
	if len(strings.Fields(ch.Message.Content)) < 5 || ch.FinishReason != "length" || resp.Usage.CompletionTokens != 30 {
		t.Errorf("answer %q, finish %q, usage %+v", ch.Message.Content, ch.FinishReason, resp.Usage)
	}

	stream := c.Chat.Completions.NewStreaming(context.Background(), storyParams())
	var acc oai.ChatCompletionAccumulator
	chunks := 0
	for stream.Next() {
		acc.AddChunk(stream.Current())
		chunks++
	}
	if err := stream.Err(); err != nil {
		t.Fatal(err)
	}
	if chunks < 10 {
		t.Errorf("%d chunks: not streamed token by token", chunks)
	}
	if got := acc.Choices[0].Message.Content; got != ch.Message.Content {
		t.Errorf("greedy streamed answer %q differs from the one-shot answer %q", got, ch.Message.Content)
	}
}

func TestOllamaCompletion(t *testing.T) {
	c := ollamaClient(t)
	resp, err := c.Completions.New(context.Background(), oai.CompletionNewParams{
		Model:       oai.CompletionNewParamsModel(ollamatest.StoriesName),
		Prompt:      oai.CompletionNewParamsPromptUnion{OfString: oai.String("Once upon a time")},
		Temperature: oai.Float(0),
		MaxTokens:   oai.Int(20),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(strings.Fields(resp.Choices[0].Text)) < 3 {
		t.Errorf("completion %q", resp.Choices[0].Text)
	}
}

func TestOllamaModelsAndEmbeddings(t *testing.T) {
	c := ollamaClient(t)
	page, err := c.Models.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(page.Data, func(m oai.Model) bool { return m.ID == ollamatest.StoriesName+":latest" }) {
		t.Errorf("models %+v lack %s", page.Data, ollamatest.StoriesName)
	}
	resp, err := c.Embeddings.New(context.Background(), oai.EmbeddingNewParams{
		Model: oai.EmbeddingModel(ollamatest.StoriesName),
		Input: oai.EmbeddingNewParamsInputUnion{OfArrayOfStrings: []string{"a cat", "a dog"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Data) != 2 || len(resp.Data[0].Embedding) == 0 || len(resp.Data[0].Embedding) != len(resp.Data[1].Embedding) {
		t.Errorf("embeddings of lengths %d", len(resp.Data))
	}
}

func TestOllamaErrors(t *testing.T) {
	c := ollamaClient(t)
	p := storyParams()
	p.Model = "no-such-model"
	_, err := c.Chat.Completions.New(context.Background(), p)
	var apiErr *oai.Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound || apiErr.Code != "model_not_found" {
		t.Errorf("unknown model: %v, want 404 model_not_found", err)
	}
	base := startServer(t, mustOllama(t))
	wrong := client(base, "not-the-token")
	_, err = wrong.Chat.Completions.New(context.Background(), storyParams())
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong token: %v, want 401", err)
	}
}

func mustOllama(t *testing.T) *ollama.Backend {
	t.Helper()
	b, err := ollama.New(ref.Need(t).Addr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
