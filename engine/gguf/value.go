package gguf

import (
	"errors"
	"fmt"
)

// Value is one metadata value: a scalar, a string or an array, with the exact
// GGUF type it has in a file. Values read from one file can be set on a Writer
// to copy them unchanged. The zero Value is invalid.
type Value struct {
	typ  ValueType
	elem ValueType // element type, for arrays
	x    any       // Go scalar, string, typed slice, or []Value for nested arrays
}

// Type returns the GGUF type of v.
func (v Value) Type() ValueType { return v.typ }

// ElemType returns the element type of an array value; it is meaningless for
// other values.
func (v Value) ElemType() ValueType { return v.elem }

// Len returns the number of elements of an array value, and 0 for other values.
func (v Value) Len() int {
	switch x := v.x.(type) {
	case []uint8:
		return len(x)
	case []int8:
		return len(x)
	case []uint16:
		return len(x)
	case []int16:
		return len(x)
	case []uint32:
		return len(x)
	case []int32:
		return len(x)
	case []float32:
		return len(x)
	case []bool:
		return len(x)
	case []string:
		return len(x)
	case []uint64:
		return len(x)
	case []int64:
		return len(x)
	case []float64:
		return len(x)
	case []Value:
		return len(x)
	}
	return 0
}

// Interface returns v as a Go value: uint8 … float64, bool or string for a
// scalar, a slice of those for an array, or []Value for an array of arrays.
// A returned slice is shared with v and must not be modified.
func (v Value) Interface() any { return v.x }

// ValueOf converts a Go value to a Value: the fixed-size integer and float
// types, bool, string, slices of those, []Value of array Values (an array of
// arrays), or a Value itself. Go's int and uint are refused because GGUF
// readers expect a definite width.
func ValueOf(x any) (Value, error) {
	if v, ok := x.(Value); ok {
		if v.x == nil {
			return Value{}, errors.New("gguf: the zero Value has no type")
		}
		return v, nil
	}
	if t, ok := scalarType(x); ok {
		return Value{typ: t, x: x}, nil
	}
	if t, ok := sliceElemType(x); ok {
		return Value{typ: TypeArray, elem: t, x: x}, nil
	}
	if vs, ok := x.([]Value); ok {
		return arrayOfArrays(vs)
	}
	return Value{}, fmt.Errorf("gguf: a %T cannot be stored as a GGUF value", x)
}

// arrayOfArrays builds the Value of a nested array.
func arrayOfArrays(vs []Value) (Value, error) {
	for i, e := range vs {
		if e.x == nil || e.typ != TypeArray {
			return Value{}, fmt.Errorf("gguf: element %d of a []Value is not an array; only arrays of arrays use []Value", i)
		}
	}
	return Value{typ: TypeArray, elem: TypeArray, x: vs}, nil
}

func scalarType(x any) (ValueType, bool) {
	switch x.(type) {
	case uint8:
		return TypeUint8, true
	case int8:
		return TypeInt8, true
	case uint16:
		return TypeUint16, true
	case int16:
		return TypeInt16, true
	case uint32:
		return TypeUint32, true
	case int32:
		return TypeInt32, true
	case float32:
		return TypeFloat32, true
	case bool:
		return TypeBool, true
	case string:
		return TypeString, true
	case uint64:
		return TypeUint64, true
	case int64:
		return TypeInt64, true
	case float64:
		return TypeFloat64, true
	}
	return 0, false
}

func sliceElemType(x any) (ValueType, bool) {
	switch x.(type) {
	case []uint8:
		return TypeUint8, true
	case []int8:
		return TypeInt8, true
	case []uint16:
		return TypeUint16, true
	case []int16:
		return TypeInt16, true
	case []uint32:
		return TypeUint32, true
	case []int32:
		return TypeInt32, true
	case []float32:
		return TypeFloat32, true
	case []bool:
		return TypeBool, true
	case []string:
		return TypeString, true
	case []uint64:
		return TypeUint64, true
	case []int64:
		return TypeInt64, true
	case []float64:
		return TypeFloat64, true
	}
	return 0, false
}
