package gguf

import (
	"encoding/binary"
	"fmt"
	"math"
	"strings"
)

// maxNesting bounds how deeply arrays of arrays may nest.
const maxNesting = 16

// readValue reads one metadata value of type t.
func (d *decoder) readValue(t ValueType, depth int) (Value, error) {
	switch t {
	case TypeString:
		s, err := d.str()
		return Value{typ: t, x: s}, err
	case TypeArray:
		return d.readArray(depth)
	}
	size := t.fixedSize()
	if size == 0 {
		return Value{}, fmt.Errorf("unknown value type %d", uint32(t))
	}
	b, err := d.take(size)
	if err != nil {
		return Value{}, err
	}
	return Value{typ: t, x: decodeScalar(t, b)}, nil
}

// decodeScalar decodes a fixed-size value of type t from b.
func decodeScalar(t ValueType, b []byte) any {
	le := binary.LittleEndian
	switch t {
	case TypeUint8:
		return b[0]
	case TypeInt8:
		return int8(b[0])
	case TypeBool:
		return b[0] != 0
	case TypeUint16:
		return le.Uint16(b)
	case TypeInt16:
		return int16(le.Uint16(b))
	case TypeUint32:
		return le.Uint32(b)
	case TypeInt32:
		return int32(le.Uint32(b))
	case TypeFloat32:
		return math.Float32frombits(le.Uint32(b))
	case TypeUint64:
		return le.Uint64(b)
	case TypeInt64:
		return int64(le.Uint64(b))
	default: // TypeFloat64
		return math.Float64frombits(le.Uint64(b))
	}
}

// readArray reads an array: element type, count, elements.
func (d *decoder) readArray(depth int) (Value, error) {
	if depth >= maxNesting {
		return Value{}, fmt.Errorf("arrays nest more than %d deep", maxNesting)
	}
	raw, err := d.u32()
	if err != nil {
		return Value{}, err
	}
	elem := ValueType(raw)
	if !elem.valid() {
		return Value{}, fmt.Errorf("array of unknown value type %d", raw)
	}
	n, err := d.length(elem.minSize(), "array of "+elem.String()+" with length")
	if err != nil {
		return Value{}, err
	}
	x, err := d.readElems(elem, n, depth)
	if err != nil {
		return Value{}, err
	}
	return Value{typ: TypeArray, elem: elem, x: x}, nil
}

// readElems reads n array elements of type t into a typed slice.
func (d *decoder) readElems(t ValueType, n int64, depth int) (any, error) {
	le := binary.LittleEndian
	switch t {
	case TypeUint8:
		return readFixed(d, n, 1, func(b []byte) uint8 { return b[0] })
	case TypeInt8:
		return readFixed(d, n, 1, func(b []byte) int8 { return int8(b[0]) })
	case TypeBool:
		return readFixed(d, n, 1, func(b []byte) bool { return b[0] != 0 })
	case TypeUint16:
		return readFixed(d, n, 2, le.Uint16)
	case TypeInt16:
		return readFixed(d, n, 2, func(b []byte) int16 { return int16(le.Uint16(b)) })
	case TypeUint32:
		return readFixed(d, n, 4, le.Uint32)
	case TypeInt32:
		return readFixed(d, n, 4, func(b []byte) int32 { return int32(le.Uint32(b)) })
	case TypeFloat32:
		return readFixed(d, n, 4, func(b []byte) float32 { return math.Float32frombits(le.Uint32(b)) })
	case TypeUint64:
		return readFixed(d, n, 8, le.Uint64)
	case TypeInt64:
		return readFixed(d, n, 8, func(b []byte) int64 { return int64(le.Uint64(b)) })
	case TypeFloat64:
		return readFixed(d, n, 8, func(b []byte) float64 { return math.Float64frombits(le.Uint64(b)) })
	case TypeString:
		return d.readStrings(n)
	default: // TypeArray
		return d.readArrays(n, depth)
	}
}

// readFixed reads n elements of size bytes each, window by window.
func readFixed[T any](d *decoder, n, size int64, decode func([]byte) T) ([]T, error) {
	out := make([]T, n)
	for i := int64(0); i < n; {
		chunk := min(n-i, windowSize/size)
		b, err := d.take(chunk * size)
		if err != nil {
			return nil, err
		}
		for j := range chunk {
			out[i+j] = decode(b[j*size:])
		}
		i += chunk
	}
	return out, nil
}

// readStrings reads n strings. A first pass measures them; the second copies
// all their bytes into one allocation that the strings share, which keeps
// loading a vocabulary of 100,000+ tokens to a few allocations.
func (d *decoder) readStrings(n int64) ([]string, error) {
	start := d.off
	lens := make([]int64, n)
	var total int64
	for i := range lens {
		l, err := d.length(1, "string length")
		if err == nil {
			err = d.skip(l)
		}
		if err != nil {
			return nil, fmt.Errorf("string %d: %w", i, err)
		}
		lens[i] = l
		total += l
	}
	if total > math.MaxInt {
		return nil, fmt.Errorf("%d bytes of strings are too many for this platform", total)
	}
	d.off = start
	var all strings.Builder
	all.Grow(int(total))
	for _, l := range lens {
		if err := d.skip(8); err != nil {
			return nil, err
		}
		b, err := d.take(l)
		if err != nil {
			return nil, err
		}
		all.Write(b)
	}
	return splitLens(all.String(), lens), nil
}

// splitLens cuts s into consecutive pieces of the given lengths.
func splitLens(s string, lens []int64) []string {
	out := make([]string, len(lens))
	pos := int64(0)
	for i, l := range lens {
		out[i] = s[pos : pos+l]
		pos += l
	}
	return out
}

// readArrays reads n nested arrays.
func (d *decoder) readArrays(n int64, depth int) ([]Value, error) {
	out := make([]Value, n)
	for i := range out {
		v, err := d.readArray(depth + 1)
		if err != nil && depth == 0 {
			err = fmt.Errorf("element %d: %w", i, err)
		}
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}
