package ingest

// Chunk is one piece of a document's text, with where it came from, so a
// citation can point at it and be checked against the source.
type Chunk struct {
	// Text is the chunk's text, as extracted.
	Text string `json:"text"`
	// Page is the 1-based page the chunk starts on, 0 for formats without
	// pages.
	Page int `json:"page,omitempty"`
	// Heading is the path of headings above the chunk ("Install > Linux"),
	// "" when the format has none.
	Heading string `json:"heading,omitempty"`
	// Start and End are the chunk's range, in characters (Unicode code
	// points), of the document's whole extracted text.
	Start int `json:"start"`
	End   int `json:"end"`
}
