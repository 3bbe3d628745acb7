package ingest

// Status is what became of one file.
type Status string

// The statuses a file can end with.
const (
	// Indexed: the file's text was read into chunks.
	Indexed Status = "indexed"
	// Skipped: the file was not read on purpose (its type, an ignore rule,
	// a link); Reason says which.
	Skipped Status = "skipped"
	// Failed: the file could not be read; Reason says why in one sentence.
	Failed Status = "failed"
	// NoText: the file was read but holds no text layer (probably a scan).
	NoText Status = "no_text"
)

// Outcome is a file's status and, unless it was indexed, the reason in one
// sentence the user can read.
type Outcome struct {
	Status Status `json:"status"`
	Reason string `json:"reason,omitempty"`
}
