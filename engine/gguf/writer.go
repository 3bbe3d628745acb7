package gguf

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/hearth-app/hearth/engine/quant"
)

// maxTensorName is the longest tensor name, in bytes, llama.cpp accepts.
const maxTensorName = 63

// Writer builds a GGUF version 3 file: metadata in the order it is set, then
// tensors in the order they are added. Tensor data is not copied: it is
// streamed out by WriteTo, so a model larger than memory can be written with
// AddTensorFunc.
//
// Set records its first error instead of returning it; WriteTo and WriteFile
// report it.
type Writer struct {
	keys    []string
	values  map[string]Value
	tensors []pendingTensor
	names   map[string]bool
	err     error
}

// pendingTensor is a tensor added to a Writer; its Offset is not yet set.
type pendingTensor struct {
	info  TensorInfo
	data  []byte
	write func(io.Writer) error
}

// NewWriter returns an empty Writer.
func NewWriter() *Writer {
	return &Writer{values: map[string]Value{}, names: map[string]bool{}}
}

// Set sets the metadata value of key. v is a Value (copied exactly) or a Go
// value ValueOf accepts. Setting a key again replaces its value and keeps its
// place. general.alignment must be a uint32 power of two.
func (w *Writer) Set(key string, v any) {
	val, err := ValueOf(v)
	if err == nil && key == alignmentKey {
		err = checkAlignmentValue(val)
	}
	if err != nil {
		w.fail(fmt.Errorf("gguf: set %q: %w", key, err))
		return
	}
	if _, ok := w.values[key]; !ok {
		w.keys = append(w.keys, key)
	}
	w.values[key] = val
}

func checkAlignmentValue(v Value) error {
	a, ok := v.x.(uint32)
	if !ok || a == 0 || a&(a-1) != 0 {
		return fmt.Errorf("the alignment must be a uint32 power of two, not %s %v", v.typ, v.x)
	}
	return nil
}

func (w *Writer) fail(err error) {
	if w.err == nil {
		w.err = err
	}
}

// AddTensor adds a tensor whose data is in data. data must hold exactly the
// tensor's size in bytes; it is not copied and must stay unchanged until the
// file is written.
func (w *Writer) AddTensor(name string, typ quant.Type, shape []uint64, data []byte) error {
	info, err := w.newTensor(name, typ, shape)
	if err == nil && uint64(len(data)) != info.Size {
		err = fmt.Errorf("%d bytes of data for a tensor of %d bytes", len(data), info.Size)
	}
	if err != nil {
		return fmt.Errorf("gguf: add tensor %q: %w", name, err)
	}
	w.add(pendingTensor{info: info, data: data})
	return nil
}

// AddTensorFunc adds a tensor whose data write produces while the file is
// written, so that the data never needs to be in memory all at once. write
// must write exactly the tensor's size in bytes.
func (w *Writer) AddTensorFunc(name string, typ quant.Type, shape []uint64, write func(io.Writer) error) error {
	info, err := w.newTensor(name, typ, shape)
	if err == nil && write == nil {
		err = errors.New("no write function")
	}
	if err != nil {
		return fmt.Errorf("gguf: add tensor %q: %w", name, err)
	}
	w.add(pendingTensor{info: info, write: write})
	return nil
}

// newTensor validates a tensor's name, type and shape and returns its info.
func (w *Writer) newTensor(name string, typ quant.Type, shape []uint64) (TensorInfo, error) {
	switch {
	case name == "":
		return TensorInfo{}, errors.New("empty tensor name")
	case len(name) > maxTensorName:
		return TensorInfo{}, fmt.Errorf("the name is longer than %d bytes", maxTensorName)
	case w.names[name]:
		return TensorInfo{}, errors.New("a tensor of that name was already added")
	case len(shape) == 0:
		return TensorInfo{}, errors.New("no dimensions")
	}
	size, err := tensorSize(typ, shape)
	if err != nil {
		return TensorInfo{}, err
	}
	return TensorInfo{Name: name, Type: typ, Shape: append([]uint64(nil), shape...), Size: size}, nil
}

func (w *Writer) add(t pendingTensor) {
	w.names[t.info.Name] = true
	w.tensors = append(w.tensors, t)
}

// WriteFile writes the file to path atomically: to a temporary file in the
// same directory (mode 0600), synced, then renamed over path.
func (w *Writer) WriteFile(path string) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("gguf: write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			err = fmt.Errorf("gguf: write %s: %w", path, err)
		}
	}()
	if _, err := w.WriteTo(tmp); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
