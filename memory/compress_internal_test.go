package memory

import (
	"bytes"
	"testing"
)

// TestInflateExact checks that inflate returns the original bytes in a
// slice about their own size (a loaded index segment keeps its slice for
// as long as the index lives), whatever the size hint, and refuses output
// past its limit.
func TestInflateExact(t *testing.T) {
	data := bytes.Repeat([]byte("postings of the glacier index "), 40000)
	packed := deflate(data)
	for _, hint := range []int{0, len(packed), 2 * len(packed), 4 * len(data)} {
		got, err := inflate(packed, int64(len(data)), hint)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("hint %d: inflate gave %d bytes, %v", hint, len(got), err)
		}
		if cap(got) > len(got)+len(got)/16 {
			t.Errorf("hint %d: %d bytes held in a slice of capacity %d", hint, len(got), cap(got))
		}
	}
	if _, err := inflate(packed, int64(len(data))-1, 0); err == nil {
		t.Fatal("inflate past its limit succeeded")
	}
}
