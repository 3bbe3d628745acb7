package vecindex_test

import (
	"context"
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/hearth-app/hearth/memory/internal/vecindex"
)

func sample(t testing.TB) (*vecindex.Index, []byte) {
	x, _ := vecindex.New(5)
	r := rand.New(rand.NewPCG(3, 4))
	for _, id := range []int64{10, -3, 1 << 40} {
		if err := x.Put(id, randVec(r, 5)); err != nil {
			t.Fatal(err)
		}
	}
	b, err := x.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return x, b
}

func TestMarshalRoundTrip(t *testing.T) {
	x, b := sample(t)
	if want := 12 + 3*(12+5); len(b) != want {
		t.Errorf("encoded %d bytes, want %d", len(b), want)
	}
	y, err := vecindex.Unmarshal(b)
	if err != nil {
		t.Fatal(err)
	}
	if y.Len() != 3 || y.Dim() != 5 || !y.Has(1<<40) || !y.Has(-3) {
		t.Errorf("decoded Len %d Dim %d", y.Len(), y.Dim())
	}
	q := []float32{1, -2, 0.5, 3, 0}
	a, _ := x.Search(context.Background(), q, 3)
	c, _ := y.Search(context.Background(), q, 3)
	if !slices.Equal(a, c) {
		t.Errorf("search after round trip %v, before %v", c, a)
	}
	b2, _ := y.MarshalBinary()
	if !slices.Equal(b, b2) {
		t.Error("re-encoding differs")
	}
}

func TestUnmarshalRejects(t *testing.T) {
	_, good := sample(t)
	mod := func(f func(b []byte) []byte) []byte { return f(slices.Clone(good)) }
	cases := map[string][]byte{
		"empty":          nil,
		"bad magic":      mod(func(b []byte) []byte { b[0] = 'X'; return b }),
		"dim 0":          mod(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[4:], 0); return b }),
		"dim huge":       mod(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[4:], math.MaxUint32); return b }),
		"count too big":  mod(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[8:], math.MaxUint32); return b }),
		"truncated":      good[:len(good)-1],
		"trailing":       append(slices.Clone(good), 0),
		"duplicate id":   mod(func(b []byte) []byte { copy(b[12+17:], b[12:20]); return b }),
		"zero scale":     mod(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[20:], 0); return b }),
		"NaN scale":      mod(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[20:], 0x7fc00000); return b }),
		"scale above 1":  mod(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[20:], math.Float32bits(2)); return b }),
		"negative scale": mod(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[20:], math.Float32bits(-0.01)); return b }),
	}
	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := vecindex.Unmarshal(b); !errors.Is(err, vecindex.ErrCorrupt) {
				t.Errorf("Unmarshal = %v, want ErrCorrupt", err)
			}
		})
	}
}

// FuzzUnmarshal feeds hostile bytes to Unmarshal: it must not panic nor
// allocate beyond the input's size, and what it accepts must search and
// re-encode to the same bytes.
func FuzzUnmarshal(f *testing.F) {
	_, good := sample(f)
	f.Add(good)
	f.Add([]byte("HVX1\x01\x00\x00\x00\x00\x00\x00\x00"))
	f.Add([]byte("HVX1\xff\xff\xff\xff\xff\xff\xff\xff"))
	f.Fuzz(func(t *testing.T, b []byte) {
		x, err := vecindex.Unmarshal(b)
		if err != nil {
			return
		}
		q := make([]float32, x.Dim())
		q[0] = 1
		if _, err := x.Search(context.Background(), q, 3); err != nil {
			t.Fatal(err)
		}
		b2, _ := x.MarshalBinary()
		if !slices.Equal(b, b2) {
			t.Fatal("accepted input does not re-encode to itself")
		}
	})
}
