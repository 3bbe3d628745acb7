package memory

import (
	"strings"

	"github.com/hearth-app/hearth/memory/internal/seal"
)

// sealedColumn names one column whose values are sealed, as
// "table.column". Its two halves go into the associated data of every
// value sealed in it, so code that seals or opens a value names the
// column once, through one of the constants below, instead of repeating
// the table and column strings at each call.
//
// A new sealed column gets a constant here and an entry in
// sealedColumns; TestSealedColumnsCovered then fails until the
// plaintext-canary and tamper tests cover it (see CONTRIBUTING.md).
type sealedColumn string

// The sealed columns of the schema.
const (
	colConversationMeta sealedColumn = "conversations.meta"
	colMessageBody      sealedColumn = "messages.body"
	colMemoryBody       sealedColumn = "memories.body"
	colSettingValue     sealedColumn = "settings.value"
	colDocumentBody     sealedColumn = "documents.body"
	colChunkBody        sealedColumn = "chunks.body"
	colSourceBody       sealedColumn = "doc_sources.body"
	colFileBody         sealedColumn = "doc_files.body"
	colIndexSegment     sealedColumn = "index_segments.data"
	colIndexState       sealedColumn = "index_state.state"
	colChunkVector      sealedColumn = "chunk_vectors.body"
)

// sealedColumns lists every sealed column. RotateKey re-seals exactly
// these: a column missing here stays under the old key and the store
// refuses to read it after a rotation.
func sealedColumns() []sealedColumn {
	return []sealedColumn{
		colConversationMeta, colMessageBody, colMemoryBody, colSettingValue,
		colDocumentBody, colChunkBody, colSourceBody, colFileBody,
		colIndexSegment, colIndexState, colChunkVector,
	}
}

// table returns the table that holds c.
func (c sealedColumn) table() string {
	t, _, _ := strings.Cut(string(c), ".")
	return t
}

// column returns c's column name within its table.
func (c sealedColumn) column() string {
	_, col, _ := strings.Cut(string(c), ".")
	return col
}

// place returns where row id's value of c lives, for its associated data.
func (c sealedColumn) place(id int64) seal.Place {
	return seal.Place{Table: c.table(), Row: id, Column: c.column()}
}
