package gguf

import (
	"math"
	"slices"
)

// asInt returns an integer value as int64; it fails for non-integers and for
// a uint64 above math.MaxInt64.
func (v Value) asInt() (int64, bool) {
	switch x := v.x.(type) {
	case uint8:
		return int64(x), true
	case int8:
		return int64(x), true
	case uint16:
		return int64(x), true
	case int16:
		return int64(x), true
	case uint32:
		return int64(x), true
	case int32:
		return int64(x), true
	case int64:
		return x, true
	case uint64:
		if x <= math.MaxInt64 {
			return int64(x), true
		}
	}
	return 0, false
}

// asUint returns a non-negative integer value as uint64.
func (v Value) asUint() (uint64, bool) {
	if x, ok := v.x.(uint64); ok {
		return x, true
	}
	if i, ok := v.asInt(); ok && i >= 0 {
		return uint64(i), true
	}
	return 0, false
}

// asFloat returns a float or integer value as float64.
func (v Value) asFloat() (float64, bool) {
	switch x := v.x.(type) {
	case float32:
		return float64(x), true
	case float64:
		return x, true
	case uint64:
		return float64(x), true
	}
	if i, ok := v.asInt(); ok {
		return float64(i), true
	}
	return 0, false
}

// asInts returns an array of any integer type as []int64; it fails if an
// element is a uint64 above math.MaxInt64.
func (v Value) asInts() ([]int64, bool) {
	switch x := v.x.(type) {
	case []uint8:
		return widen(x), true
	case []int8:
		return widen(x), true
	case []uint16:
		return widen(x), true
	case []int16:
		return widen(x), true
	case []uint32:
		return widen(x), true
	case []int32:
		return widen(x), true
	case []int64:
		return slices.Clone(x), true
	case []uint64:
		if slices.ContainsFunc(x, func(u uint64) bool { return u > math.MaxInt64 }) {
			return nil, false
		}
		return widen(x), true
	}
	return nil, false
}

func widen[T uint8 | int8 | uint16 | int16 | uint32 | int32 | uint64](xs []T) []int64 {
	out := make([]int64, len(xs))
	for i, x := range xs {
		out[i] = int64(x)
	}
	return out
}

// asFloats returns an array of float32 or float64 as []float32.
func (v Value) asFloats() ([]float32, bool) {
	switch x := v.x.(type) {
	case []float32:
		return slices.Clone(x), true
	case []float64:
		out := make([]float32, len(x))
		for i, f := range x {
			out[i] = float32(f)
		}
		return out, true
	}
	return nil, false
}
