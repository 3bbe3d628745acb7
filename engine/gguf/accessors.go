package gguf

import "slices"

// String returns the string value of key.
func (f *File) String(key string) (string, bool) {
	s, ok := f.values[key].x.(string)
	return s, ok
}

// Uint returns the value of key if it is an integer of any type holding a
// non-negative value.
func (f *File) Uint(key string) (uint64, bool) { return f.values[key].asUint() }

// Int returns the value of key if it is an integer of any type that fits in
// an int64.
func (f *File) Int(key string) (int64, bool) { return f.values[key].asInt() }

// Float returns the value of key if it is a float or an integer.
func (f *File) Float(key string) (float64, bool) { return f.values[key].asFloat() }

// Bool returns the boolean value of key.
func (f *File) Bool(key string) (bool, bool) {
	b, ok := f.values[key].x.(bool)
	return b, ok
}

// Strings returns a copy of the array of strings of key.
func (f *File) Strings(key string) ([]string, bool) {
	ss, ok := f.values[key].x.([]string)
	if !ok {
		return nil, false
	}
	return slices.Clone(ss), true
}

// Ints returns the array of key, of any integer type, as int64s. It fails if
// an element does not fit in an int64.
func (f *File) Ints(key string) ([]int64, bool) { return f.values[key].asInts() }

// Floats returns the array of key, of float32 or float64, as float32s.
func (f *File) Floats(key string) ([]float32, bool) { return f.values[key].asFloats() }

// Architecture returns general.architecture ("llama", "qwen2", ...), or "" if
// the file does not say.
func (f *File) Architecture() string {
	s, _ := f.String("general.architecture")
	return s
}
