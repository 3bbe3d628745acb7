package seal_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/hearth-app/hearth/memory/internal/seal"
)

func testKey(t testing.TB, id uint32, fill byte) *seal.Key {
	t.Helper()
	k, err := seal.NewKey(id, bytes.Repeat([]byte{fill}, seal.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

var home = seal.Place{Table: "messages", Row: 7, Column: "body"}

func TestRoundTrip(t *testing.T) {
	k := testKey(t, 1, 0xAA)
	for _, tc := range []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"short", []byte("hello")},
		{"bucket edge", bytes.Repeat([]byte("x"), 63)},
		{"long", bytes.Repeat([]byte("lorem ipsum "), 2000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := k.Seal(home, tc.in)
			got, err := k.Open(home, rec)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			if !bytes.Equal(got, tc.in) {
				t.Fatalf("Open = %q, want %q", got, tc.in)
			}
			if len(tc.in) > 0 && bytes.Contains(rec, tc.in) {
				t.Fatal("record contains the plaintext")
			}
		})
	}
}

func TestNoncesDiffer(t *testing.T) {
	k := testKey(t, 1, 0xAA)
	a, b := k.Seal(home, []byte("same")), k.Seal(home, []byte("same"))
	if bytes.Equal(a, b) {
		t.Fatal("two seals of the same value are equal")
	}
}

func TestPaddingHidesLength(t *testing.T) {
	k := testKey(t, 1, 0xAA)
	a, b := k.Seal(home, []byte("a")), k.Seal(home, []byte("a much longer text, still short"))
	if len(a) != len(b) {
		t.Fatalf("lengths %d and %d differ for values in the same bucket", len(a), len(b))
	}
}

func TestTamper(t *testing.T) {
	k := testKey(t, 1, 0xAA)
	rec := k.Seal(home, []byte("secret"))
	flip := func(i int) []byte {
		c := bytes.Clone(rec)
		c[i] ^= 0x01
		return c
	}
	for _, tc := range []struct {
		name  string
		rec   []byte
		place seal.Place
		key   *seal.Key
		want  error
	}{
		{"nonce flip", flip(10), home, k, seal.ErrUnauthenticated},
		{"body flip", flip(seal.HeaderSize + 3), home, k, seal.ErrUnauthenticated},
		{"tag flip", flip(len(rec) - 1), home, k, seal.ErrUnauthenticated},
		{"version flip", flip(0), home, k, seal.ErrVersion},
		{"key id flip", flip(4), home, k, seal.ErrKeyID},
		{"other row", rec, seal.Place{Table: "messages", Row: 8, Column: "body"}, k, seal.ErrUnauthenticated},
		{"other column", rec, seal.Place{Table: "messages", Row: 7, Column: "title"}, k, seal.ErrUnauthenticated},
		{"other table", rec, seal.Place{Table: "memories", Row: 7, Column: "body"}, k, seal.ErrUnauthenticated},
		{"other key same id", rec, home, testKey(t, 1, 0xBB), seal.ErrUnauthenticated},
		{"other key id", rec, home, testKey(t, 2, 0xAA), seal.ErrKeyID},
		{"truncated", rec[:seal.Overhead-1], home, k, seal.ErrMalformed},
		{"empty", nil, home, k, seal.ErrMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.key.Open(tc.place, tc.rec)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Open error = %v, want %v", err, tc.want)
			}
			if got != nil {
				t.Fatalf("Open returned plaintext %q with an error", got)
			}
		})
	}
}

func FuzzOpen(f *testing.F) {
	k := testKey(f, 1, 0xAA)
	f.Add(k.Seal(home, []byte("hello")))
	f.Add([]byte{})
	f.Add([]byte{1, 0, 0, 0, 1})
	f.Fuzz(func(t *testing.T, rec []byte) {
		got, err := k.Open(home, rec)
		if err == nil && got == nil {
			t.Fatal("nil plaintext without error")
		}
		if err != nil && got != nil {
			t.Fatal("plaintext with error")
		}
	})
}

func BenchmarkSeal(b *testing.B) {
	k := testKey(b, 1, 0xAA)
	msg := bytes.Repeat([]byte("m"), 300)
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		k.Seal(home, msg)
	}
}
