package engine_test

import (
	"testing"

	"github.com/hearth-app/hearth/engine"
)

func TestEmbedPrefix(t *testing.T) {
	qwenQuery := "Instruct: Given a web search query, retrieve relevant passages that answer the query\nQuery:"
	for _, tc := range []struct {
		name  string
		names []string
		role  engine.EmbedRole
		want  string
	}{
		{"nomic query", []string{"nomic-embed-text-v1.5"}, engine.EmbedQuery, "search_query: tea"},
		{"nomic document by path", []string{"/m/nomic-embed-text-v1.5.Q8_0.gguf"}, engine.EmbedDocument, "search_document: tea"},
		{"nomic raw", []string{"nomic-embed-text-v1.5"}, engine.EmbedRaw, "tea"},
		{"e5 query", []string{"multilingual-e5-small"}, engine.EmbedQuery, "query: tea"},
		{"e5 passage", []string{"e5-base-v2"}, engine.EmbedDocument, "passage: tea"},
		{"qwen3 query from general.name", []string{"model.gguf", "Qwen3 Embedding 0.6B"}, engine.EmbedQuery, qwenQuery + "tea"},
		{"qwen3 document unprefixed", []string{"Qwen3-Embedding-0.6B-Q8_0"}, engine.EmbedDocument, "tea"},
		{"bge query", []string{"bge-small-en-v1.5"}, engine.EmbedQuery, "Represent this sentence for searching relevant passages: tea"},
		{"bge document unprefixed", []string{"bge-small-en-v1.5"}, engine.EmbedDocument, "tea"},
		{"unknown family", []string{"all-MiniLM-L6-v2"}, engine.EmbedQuery, "tea"},
		{"e5 inside another word is not e5", []string{"xe5-model"}, engine.EmbedQuery, "tea"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := engine.EmbedPrefix(tc.role, "tea", tc.names...); got != tc.want {
				t.Errorf("EmbedPrefix = %q, want %q", got, tc.want)
			}
		})
	}
}
