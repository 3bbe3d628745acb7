package gguf

import (
	"bufio"
	"encoding/binary"
	"math"
)

// encoder writes little-endian GGUF values to a buffered writer. Write errors
// stick in the bufio.Writer and surface at Flush.
type encoder struct {
	w       *bufio.Writer
	scratch [8]byte
}

func (e *encoder) u8(v uint8) { e.w.WriteByte(v) }

func (e *encoder) u16(v uint16) {
	binary.LittleEndian.PutUint16(e.scratch[:], v)
	e.w.Write(e.scratch[:2])
}

func (e *encoder) u32(v uint32) {
	binary.LittleEndian.PutUint32(e.scratch[:], v)
	e.w.Write(e.scratch[:4])
}

func (e *encoder) u64(v uint64) {
	binary.LittleEndian.PutUint64(e.scratch[:], v)
	e.w.Write(e.scratch[:8])
}

func (e *encoder) str(s string) {
	e.u64(uint64(len(s)))
	e.w.WriteString(s)
}

// value writes v without its type tag.
func (e *encoder) value(v Value) {
	if v.typ == TypeArray {
		e.array(v)
		return
	}
	e.scalar(v.x)
}

func (e *encoder) scalar(x any) {
	switch x := x.(type) {
	case uint8:
		e.u8(x)
	case int8:
		e.u8(uint8(x))
	case bool:
		e.u8(boolByte(x))
	case uint16:
		e.u16(x)
	case int16:
		e.u16(uint16(x))
	case uint32:
		e.u32(x)
	case int32:
		e.u32(uint32(x))
	case float32:
		e.u32(math.Float32bits(x))
	case uint64:
		e.u64(x)
	case int64:
		e.u64(uint64(x))
	case float64:
		e.u64(math.Float64bits(x))
	case string:
		e.str(x)
	}
}

func boolByte(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// array writes the element type, the count and the elements of v.
func (e *encoder) array(v Value) {
	e.u32(uint32(v.elem))
	e.u64(uint64(v.Len()))
	switch x := v.x.(type) {
	case []uint8:
		e.w.Write(x)
	case []int8:
		each(e, x, func(e *encoder, v int8) { e.u8(uint8(v)) })
	case []bool:
		each(e, x, func(e *encoder, v bool) { e.u8(boolByte(v)) })
	case []uint16:
		each(e, x, (*encoder).u16)
	case []int16:
		each(e, x, func(e *encoder, v int16) { e.u16(uint16(v)) })
	case []uint32:
		each(e, x, (*encoder).u32)
	case []int32:
		each(e, x, func(e *encoder, v int32) { e.u32(uint32(v)) })
	case []float32:
		each(e, x, func(e *encoder, v float32) { e.u32(math.Float32bits(v)) })
	case []uint64:
		each(e, x, (*encoder).u64)
	case []int64:
		each(e, x, func(e *encoder, v int64) { e.u64(uint64(v)) })
	case []float64:
		each(e, x, func(e *encoder, v float64) { e.u64(math.Float64bits(v)) })
	case []string:
		each(e, x, (*encoder).str)
	case []Value:
		each(e, x, (*encoder).array)
	}
}

func each[T any](e *encoder, xs []T, put func(*encoder, T)) {
	for _, x := range xs {
		put(e, x)
	}
}
