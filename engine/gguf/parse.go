package gguf

import (
	"bytes"
	"fmt"
	"io"
	"math/bits"
)

// magic is the first four bytes of every GGUF file.
const magic = "GGUF"

// defaultAlignment is the data alignment of a file without general.alignment.
const defaultAlignment = 32

// alignmentKey is the metadata key that overrides the data alignment.
const alignmentKey = "general.alignment"

// Minimum encoded sizes, used to bound counts before allocating.
const (
	minKVBytes     = 8 + 4 + 1     // key length, value type, smallest value
	minTensorBytes = 8 + 4 + 4 + 8 // name length, n_dims, type, offset
)

// Parse reads the metadata and tensor table of a GGUF file of the given size
// from r and checks that every tensor's data lies inside it. Data on the
// result reads a copy of a tensor from r; Open and ParseBytes avoid the copy.
func Parse(r io.ReaderAt, size int64) (*File, error) {
	f, err := parse(r, size)
	if err != nil {
		return nil, fmt.Errorf("gguf: parse: %w", err)
	}
	f.src = r
	return f, nil
}

// ParseBytes parses a GGUF file held in memory. Data on the result returns
// slices of b, which must not be modified while the File is in use.
func ParseBytes(b []byte) (*File, error) {
	f, err := parse(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("gguf: parse: %w", err)
	}
	f.mem = b
	return f, nil
}

func parse(r io.ReaderAt, size int64) (*File, error) {
	d := newDecoder(r, size)
	f := &File{values: map[string]Value{}, byName: map[string]int{}}
	nTensors, nKV, err := f.readHeader(d)
	if err != nil {
		return nil, err
	}
	if err := f.readMetadata(d, nKV); err != nil {
		return nil, err
	}
	if err := f.readAlignment(); err != nil {
		return nil, err
	}
	if err := f.readTensorInfos(d, nTensors); err != nil {
		return nil, err
	}
	return f, f.placeTensors(uint64(d.off), uint64(size))
}

// readHeader reads the magic, version and the two counts.
func (f *File) readHeader(d *decoder) (nTensors, nKV int64, err error) {
	b, err := d.take(4)
	if err != nil || string(b) != magic {
		return 0, 0, ErrNotGGUF
	}
	if f.version, err = d.u32(); err != nil {
		return 0, 0, inSection("header", err)
	}
	if err := checkVersion(f.version); err != nil {
		return 0, 0, err
	}
	if nTensors, err = d.length(0, ""); err == nil {
		nKV, err = d.length(minKVBytes, "metadata count")
	}
	if err == nil && uint64(nTensors) > uint64(d.remaining()-nKV*minKVBytes)/minTensorBytes {
		err = fmt.Errorf("tensor count %d does not fit in the %d bytes left in the file", uint64(nTensors), d.remaining())
	}
	if err != nil {
		return 0, 0, inSection("header", err)
	}
	return nTensors, nKV, nil
}

// checkVersion accepts versions 2 and 3 and explains the others.
func checkVersion(v uint32) error {
	switch {
	case v == 2 || v == 3:
		return nil
	case v == 1:
		return fmt.Errorf("%w: version 1 is the original 2023 format; convert the model again with a current llama.cpp", ErrUnsupportedVersion)
	case v&0xffff == 0 && bits.ReverseBytes32(v) <= 3:
		return fmt.Errorf("%w: the file is big-endian, which is not supported", ErrUnsupportedVersion)
	}
	return fmt.Errorf("%w: version %d (versions 2 and 3 are supported)", ErrUnsupportedVersion, v)
}

// readMetadata reads nKV key/value pairs.
func (f *File) readMetadata(d *decoder, nKV int64) error {
	f.keys = make([]string, 0, nKV)
	for i := range nKV {
		key, v, err := readKV(d)
		if err == nil && f.hasKey(key) {
			err = fmt.Errorf("the key appears twice")
		}
		if err != nil {
			return inSection(fmt.Sprintf("metadata key %d%s", i, quoteName(" ", key)), err)
		}
		f.keys = append(f.keys, key)
		f.values[key] = v
	}
	return nil
}

func (f *File) hasKey(key string) bool {
	_, ok := f.values[key]
	return ok
}

// readKV reads one key, its value type and its value.
func readKV(d *decoder) (string, Value, error) {
	key, err := d.str()
	if err != nil {
		return "", Value{}, err
	}
	t, err := d.u32()
	if err != nil {
		return key, Value{}, err
	}
	v, err := d.readValue(ValueType(t), 0)
	return key, v, err
}

// readAlignment sets the data alignment from general.alignment.
func (f *File) readAlignment() error {
	f.alignment = defaultAlignment
	v, ok := f.values[alignmentKey]
	if !ok {
		return nil
	}
	a, isU32 := v.x.(uint32)
	if !isU32 || a == 0 || a&(a-1) != 0 {
		return corruptf("%s must be a uint32 power of two, not %s %v", alignmentKey, v.typ, v.x)
	}
	f.alignment = uint64(a)
	return nil
}

// quoteName quotes a name read from a file for an error message, shortened
// if it is long, preceded by sep; it returns "" for an empty name.
func quoteName(sep, s string) string {
	if s == "" {
		return ""
	}
	const max = 80
	if len(s) > max {
		s = s[:max] + "…"
	}
	return fmt.Sprintf("%s%q", sep, s)
}

// bytesReaderAt returns b as an io.ReaderAt.
func bytesReaderAt(b []byte) io.ReaderAt { return bytes.NewReader(b) }
