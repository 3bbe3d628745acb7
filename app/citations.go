package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/hearth-app/hearth/memory"
)

// askSystem tells the model of 'hearth ask' how to use the sources.
const askSystem = "Answer the user's question using only the numbered sources below. " +
	"Cite the sources you use as [1], [2] right after the sentence they support. " +
	"If the sources do not answer the question, say so."

// chatSourcesSystem tells a chat's model how to use the passages of the
// user's documents found for the message.
const chatSourcesSystem = "Passages from the user's documents that may help are numbered below. " +
	"When you use one, cite it as [1], [2] right after the sentence it supports. " +
	"Do not cite a passage you did not use."

// chatSources is how many passages of the documents a chat answer gets.
const chatSources = 5

// sourcesPrompt numbers the passages for the model. It is the one place
// both 'hearth ask' and the chat put documents into a prompt.
func sourcesPrompt(hits []memory.DocHit) string {
	var b strings.Builder
	for i, h := range hits {
		fmt.Fprintf(&b, "[%d] (%s)\n%s\n\n", i+1, citeLocation(h), strings.TrimSpace(h.Text))
	}
	return b.String()
}

// Citation states of a source when an answer is shown.
const (
	citationOK      = "ok"      // the passage is in the library as it was
	citationChanged = "changed" // the file changed: the passage is not there any more
	citationMissing = "missing" // the file or its folder left the library, or the file is gone
)

// Citation is one numbered source of an answer: the passage the model was
// given as [N], kept sealed with the answer. State says whether the
// passage is still where it was, checked when the answer is read.
type Citation struct {
	N          int             `json:"n"`
	ChunkID    int64           `json:"chunkId"`
	DocumentID int64           `json:"documentId"`
	Path       string          `json:"path"`
	Location   memory.Location `json:"location"`
	Hash       string          `json:"hash"` // hex SHA-256 of the passage's text
	State      string          `json:"state,omitempty"`
}

// newCitations numbers hits as the prompt does.
func newCitations(hits []memory.DocHit) []Citation {
	out := make([]Citation, len(hits))
	for i, h := range hits {
		out[i] = Citation{N: i + 1, ChunkID: h.ChunkID, DocumentID: h.DocumentID, Path: h.Path,
			Location: h.Location, Hash: textHash(h.Text)}
	}
	return out
}

func textHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// sourcesSetting names the sealed setting that holds the sources of a
// conversation's answers, by message id.
func sourcesSetting(conv int64) string { return "chat/" + strconv.FormatInt(conv, 10) + "/sources" }

// readSources returns the sources of conversation conv's answers.
func readSources(ctx context.Context, st *memory.Store, conv int64) map[int64][]Citation {
	out := map[int64][]Citation{}
	readJSONSetting(ctx, st, sourcesSetting(conv), &out)
	return out
}

// saveSources keeps the sources of answer msg, sealed.
func saveSources(ctx context.Context, st *memory.Store, conv, msg int64, cites []Citation) error {
	if len(cites) == 0 {
		return nil
	}
	all := readSources(ctx, st, conv)
	all[msg] = cites
	b, err := json.Marshal(all)
	if err != nil {
		return fmt.Errorf("save sources: %w", err)
	}
	return st.SetSetting(ctx, sourcesSetting(conv), b)
}

// checkedSources returns cites with the state of each passage: whether
// its chunk is still in the library with the same text.
func checkedSources(ctx context.Context, st *memory.Store, cites []Citation) []Citation {
	out := make([]Citation, len(cites))
	for i, c := range cites {
		c.State = passageState(ctx, st, c)
		out[i] = c
	}
	return out
}

// passageState checks that c's chunk is still indexed, in the same file,
// with the same text.
func passageState(ctx context.Context, st *memory.Store, c Citation) string {
	hits, err := st.ResolveChunks(ctx, "", []memory.ChunkScore{{ChunkID: c.ChunkID}})
	if err != nil || len(hits) == 0 {
		return citationMissing
	}
	if hits[0].Path != c.Path || textHash(hits[0].Text) != c.Hash {
		return citationChanged
	}
	return citationOK
}
