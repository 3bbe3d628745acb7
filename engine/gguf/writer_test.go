package gguf_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/internal/llamaref"
	"github.com/hearth-app/hearth/engine/quant"
)

func TestSetErrors(t *testing.T) {
	tests := []struct {
		name  string
		key   string
		value any
		msg   string
	}{
		{"int", "k", 5, "a int cannot be stored"},
		{"uint", "k", uint(5), "a uint cannot be stored"},
		{"[]int", "k", []int{1}, "a []int cannot be stored"},
		{"map", "k", map[string]int{}, "cannot be stored"},
		{"nil", "k", nil, "cannot be stored"},
		{"zero Value", "k", gguf.Value{}, "zero Value"},
		{"[]Value of scalars", "k", []gguf.Value{mustValue(t, uint8(1))}, "not an array"},
		{"alignment of wrong type", "general.alignment", uint64(32), "uint32 power of two"},
		{"alignment not a power of two", "general.alignment", uint32(24), "uint32 power of two"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := gguf.NewWriter()
			w.Set("fine", "x")
			w.Set(tc.key, tc.value)
			w.Set("also fine", "y")
			_, err := w.WriteTo(io.Discard)
			if err == nil || !strings.Contains(err.Error(), tc.msg) || !strings.Contains(err.Error(), tc.key) {
				t.Errorf("WriteTo: %v, want an error naming %q and saying %q", err, tc.key, tc.msg)
			}
		})
	}
}

func mustValue(t *testing.T, x any) gguf.Value {
	t.Helper()
	v, err := gguf.ValueOf(x)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSetReplacesInPlace(t *testing.T) {
	w := gguf.NewWriter()
	w.Set("a", uint32(1))
	w.Set("b", uint32(2))
	w.Set("a", "now a string")
	f, _ := roundTrip(t, w)
	if got := f.Keys(); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("Keys() = %q, want [a b]", got)
	}
	if s, _ := f.String("a"); s != "now a string" {
		t.Errorf("a = %q, want the replacement", s)
	}
}

func TestAddTensorErrors(t *testing.T) {
	tests := []struct {
		name  string
		tname string
		typ   quant.Type
		shape []uint64
		size  int
		msg   string
	}{
		{"wrong size", "t", quant.F32, []uint64{4}, 15, "15 bytes of data for a tensor of 16 bytes"},
		{"partial block", "t", quant.Q4_0, []uint64{16}, 9, "not a whole number"},
		{"unknown type", "t", quant.Type(4), []uint64{4}, 16, "unknown tensor type 4"},
		{"no dimensions", "t", quant.F32, nil, 4, "no dimensions"},
		{"five dimensions", "t", quant.F32, []uint64{1, 1, 1, 1, 1}, 4, "5 dimensions"},
		{"empty name", "", quant.F32, []uint64{1}, 4, "empty tensor name"},
		{"long name", strings.Repeat("x", 64), quant.F32, []uint64{1}, 4, "longer than 63 bytes"},
		{"duplicate name", "dup", quant.F32, []uint64{1}, 4, "already added"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := gguf.NewWriter()
			if err := w.AddTensor("dup", quant.F32, []uint64{1}, make([]byte, 4)); err != nil {
				t.Fatal(err)
			}
			err := w.AddTensor(tc.tname, tc.typ, tc.shape, make([]byte, tc.size))
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("AddTensor: %v, want an error saying %q", err, tc.msg)
			}
		})
	}
}

func TestAddTensorFunc(t *testing.T) {
	data := patterned(4*64*3, 9)
	stream := func(w io.Writer) error {
		for row := range 3 { // row by row, as a generator would
			if _, err := w.Write(data[row*256 : (row+1)*256]); err != nil {
				return err
			}
		}
		return nil
	}
	t.Run("streamed", func(t *testing.T) {
		w := gguf.NewWriter()
		if err := w.AddTensorFunc("s", quant.F32, []uint64{64, 3}, stream); err != nil {
			t.Fatal(err)
		}
		if err := w.AddTensor("after", quant.F32, []uint64{1}, []byte{1, 2, 3, 4}); err != nil {
			t.Fatal(err)
		}
		f, _ := roundTrip(t, w)
		s, _ := f.Tensor("s")
		after, _ := f.Tensor("after")
		if !bytes.Equal(f.Data(s), data) || !bytes.Equal(f.Data(after), []byte{1, 2, 3, 4}) {
			t.Error("streamed data differs")
		}
	})
	t.Run("short write", func(t *testing.T) {
		w := gguf.NewWriter()
		if err := w.AddTensorFunc("s", quant.F32, []uint64{64, 4}, stream); err != nil {
			t.Fatal(err)
		}
		if _, err := w.WriteTo(io.Discard); err == nil || !strings.Contains(err.Error(), "wrote 768 bytes for a tensor of 1024") {
			t.Errorf("WriteTo: %v, want a size mismatch", err)
		}
	})
	t.Run("failing write", func(t *testing.T) {
		boom := errors.New("boom")
		w := gguf.NewWriter()
		if err := w.AddTensorFunc("s", quant.F32, []uint64{1}, func(io.Writer) error { return boom }); err != nil {
			t.Fatal(err)
		}
		if _, err := w.WriteTo(io.Discard); !errors.Is(err, boom) {
			t.Errorf("WriteTo: %v, want boom", err)
		}
	})
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.gguf")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	w := gguf.NewWriter()
	if err := w.AddTensorFunc("s", quant.F32, []uint64{4}, func(io.Writer) error { return errors.New("boom") }); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteFile(path); err == nil {
		t.Fatal("WriteFile succeeded with a failing tensor")
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("a failed WriteFile changed the file to %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a failed WriteFile left %d files behind", len(entries)-1)
	}
}

// TestVersion2 reads a version 2 file, which differs from version 3 only in
// its version number, and checks llama.cpp reads it the same way.
func TestVersion2(t *testing.T) {
	b := bytes.Clone(validFile(t))
	b[4] = 2
	f, err := gguf.ParseBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	if f.Version() != 2 {
		t.Errorf("Version() = %d, want 2", f.Version())
	}
	if !llamaref.Available() {
		return
	}
	path := filepath.Join(t.TempDir(), "v2.gguf")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	want, err := llamaref.ReadGGUF(t, path)
	if err != nil {
		t.Fatal(err)
	}
	compareWithReference(t, f, want)
}

// TestCopyRealModel copies every value and tensor of the real test model into
// a new file and checks that llama.cpp reads the copy as it reads the
// original, and that the tensor data is unchanged.
func TestCopyRealModel(t *testing.T) {
	src := filepath.Join(llamaref.TestData(), "models", "stories260K.gguf")
	f, err := gguf.Open(src)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	w := gguf.NewWriter()
	for _, k := range f.Keys() {
		v, _ := f.Value(k)
		w.Set(k, v)
	}
	for _, ti := range f.Tensors() {
		if err := w.AddTensor(ti.Name, ti.Type, ti.Shape, f.Data(ti)); err != nil {
			t.Fatal(err)
		}
	}
	dst := filepath.Join(t.TempDir(), "copy.gguf")
	if err := w.WriteFile(dst); err != nil {
		t.Fatal(err)
	}
	orig, _ := os.ReadFile(src)
	copied, _ := os.ReadFile(dst)
	if !bytes.Equal(orig, copied) {
		t.Errorf("the copy (%d bytes) differs from the original (%d bytes)", len(copied), len(orig))
	}
	g, err := gguf.Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if llamaref.Available() {
		want, err := llamaref.ReadGGUF(t, src)
		if err != nil {
			t.Fatal(err)
		}
		compareWithReference(t, g, want)
	}
}

// TestWriterStreams writes a 64 MiB tensor produced chunk by chunk and checks
// the Writer allocates only its buffer, not the tensor.
func TestWriterStreams(t *testing.T) {
	const rows, rowBytes = 1024, 64 << 10
	chunk := make([]byte, rowBytes)
	w := gguf.NewWriter()
	err := w.AddTensorFunc("big", quant.F32, []uint64{rowBytes / 4, rows}, func(out io.Writer) error {
		for range rows {
			if _, err := out.Write(chunk); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	n, err := w.WriteTo(io.Discard)
	runtime.ReadMemStats(&after)
	if err != nil || n < rows*rowBytes {
		t.Fatalf("WriteTo = %d, %v", n, err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
		t.Errorf("writing a %d MiB tensor allocated %d bytes", rows*rowBytes>>20, alloc)
	}
}
