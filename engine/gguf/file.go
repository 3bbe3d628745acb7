package gguf

import (
	"io"
	"slices"
)

// File is a parsed GGUF file: its metadata, its tensor table and access to
// the tensor data. It is read-only and safe for concurrent use, except that
// Close must not run concurrently with other methods.
type File struct {
	version    uint32
	keys       []string
	values     map[string]Value
	tensors    []TensorInfo
	byName     map[string]int
	alignment  uint64
	dataOffset uint64

	mem   []byte       // the whole file, when mapped or in memory
	src   io.ReaderAt  // the file, when neither
	close func() error // releases mem, set by Open
}

// Close releases the file's mapping. Slices returned by Data must not be used
// afterwards. Close is safe to call more than once.
func (f *File) Close() error {
	c := f.close
	f.close, f.mem, f.src = nil, nil, nil
	if c == nil {
		return nil
	}
	return c()
}

// Version returns the GGUF version of the file (2 or 3).
func (f *File) Version() uint32 { return f.version }

// Alignment returns the alignment of the tensor data in bytes.
func (f *File) Alignment() uint64 { return f.alignment }

// DataOffset returns the absolute offset of the tensor data section: the end
// of the tensor table rounded up to the alignment, or, in a file without
// tensors, the end of the metadata (as llama.cpp reports it).
func (f *File) DataOffset() uint64 { return f.dataOffset }

// Keys returns the metadata keys in file order.
func (f *File) Keys() []string { return slices.Clone(f.keys) }

// Value returns the metadata value of key.
func (f *File) Value(key string) (Value, bool) {
	v, ok := f.values[key]
	return v, ok
}

// Tensors returns the tensor table in file order.
func (f *File) Tensors() []TensorInfo { return slices.Clone(f.tensors) }

// Tensor returns the tensor called name.
func (f *File) Tensor(name string) (TensorInfo, bool) {
	i, ok := f.byName[name]
	if !ok {
		return TensorInfo{}, false
	}
	return f.tensors[i], true
}

// Data returns the bytes of tensor t. For a File from Open or ParseBytes it
// is a slice of the file's memory, valid until Close, which must not be
// modified; for a File from Parse it is a copy read from the source. It
// returns nil when t does not lie inside the file or the read fails.
func (f *File) Data(t TensorInfo) []byte {
	end := t.Offset + t.Size
	if end < t.Offset {
		return nil
	}
	if f.mem != nil {
		if end > uint64(len(f.mem)) {
			return nil
		}
		return f.mem[t.Offset:end:end]
	}
	return f.readData(t)
}

func (f *File) readData(t TensorInfo) []byte {
	i, ok := f.byName[t.Name]
	if f.src == nil || !ok || f.tensors[i].Offset != t.Offset || f.tensors[i].Size != t.Size {
		return nil
	}
	b := make([]byte, t.Size)
	if n, _ := f.src.ReadAt(b, int64(t.Offset)); n != len(b) {
		return nil
	}
	return b
}
