package engine

import (
	"regexp"
	"strings"
)

// EmbedRole says what a text to embed is for: some embedding models were
// trained with a prefix that tells queries from documents.
type EmbedRole int

const (
	// EmbedRaw embeds the text as it is.
	EmbedRaw EmbedRole = iota
	// EmbedQuery is a search query.
	EmbedQuery
	// EmbedDocument is a document (or a chunk of one) to be found.
	EmbedDocument
)

// EmbedFamily is an embedding model family and the prefixes its model card
// asks for.
type EmbedFamily struct {
	Name     string
	Query    string
	Document string
	match    *regexp.Regexp
}

// embedFamilies is the table of prefix conventions, keyed by family. A
// family is recognised in a model's name (file name, catalog name or
// general.name), compared in lower case with spaces and underscores as
// hyphens.
var embedFamilies = []EmbedFamily{
	{Name: "nomic-embed", Query: "search_query: ", Document: "search_document: ",
		match: regexp.MustCompile(`nomic-embed`)},
	{Name: "e5", Query: "query: ", Document: "passage: ",
		match: regexp.MustCompile(`(^|[-/.])e5-`)},
	{Name: "qwen3-embedding", Query: "Instruct: Given a web search query, retrieve relevant passages that answer the query\nQuery:",
		match: regexp.MustCompile(`qwen3-embedding`)},
	{Name: "bge-en", Query: "Represent this sentence for searching relevant passages: ",
		match: regexp.MustCompile(`bge-(small|base|large)-en`)},
}

// EmbedFamilyOf returns the family the first recognisable name belongs to.
func EmbedFamilyOf(names ...string) (EmbedFamily, bool) {
	for _, n := range names {
		n = strings.NewReplacer(" ", "-", "_", "-").Replace(strings.ToLower(n))
		for _, f := range embedFamilies {
			if f.match.MatchString(n) {
				return f, true
			}
		}
	}
	return EmbedFamily{}, false
}

// EmbedPrefix returns text with the prefix its role needs for the model
// named by names (unchanged for EmbedRaw and for families without one).
func EmbedPrefix(role EmbedRole, text string, names ...string) string {
	f, ok := EmbedFamilyOf(names...)
	switch {
	case !ok:
		return text
	case role == EmbedQuery:
		return f.Query + text
	case role == EmbedDocument:
		return f.Document + text
	}
	return text
}
