package memory

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/hearth-app/hearth/memory/internal/seal"
)

// TestOpenJSONWrapsDecodeError checks that a sealed value that opens but
// does not decode reports ErrCorrupt and keeps the decoder's error.
func TestOpenJSONWrapsDecodeError(t *testing.T) {
	key, err := seal.NewKey(1, make([]byte, seal.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	rec := key.Seal(colMemoryBody.place(7), []byte("{not json"))
	var v memBody
	err = openJSON(key, colMemoryBody, 7, rec, &v)
	var syntax *json.SyntaxError
	if !errors.Is(err, ErrCorrupt) || !errors.As(err, &syntax) {
		t.Fatalf("error = %v, want ErrCorrupt wrapping a *json.SyntaxError", err)
	}
	if err := openJSON(key, colMessageBody, 7, rec, &v); !errors.Is(err, ErrTampered) {
		t.Fatalf("a value opened as another column: %v, want ErrTampered", err)
	}
}
