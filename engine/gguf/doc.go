// Package gguf reads and writes GGUF files, the container llama.cpp and Hearth
// use for language models: a header of typed metadata (architecture,
// hyperparameters, tokenizer vocabulary, chat template) followed by a table of
// tensor descriptions and an aligned section of tensor data.
//
// A File comes from Open, which memory-maps the file so that tensor data is
// never copied (Data returns a slice of the mapping), or from Parse and
// ParseBytes. Every count, length and offset read from a file is checked
// against the file's size before anything is allocated, so a hostile or
// damaged file yields an error wrapping ErrNotGGUF, ErrCorrupt or
// ErrUnsupportedVersion, never a panic or an out-of-memory crash.
//
// A Writer builds a GGUF version 3 file from Go values and tensor data and
// streams it out, tensor by tensor.
//
// Layout of a GGUF file (all integers little-endian):
//
//	magic "GGUF", version uint32 (2 or 3),
//	tensor count uint64, metadata count uint64,
//	metadata:  key string, value type uint32, value
//	tensors:   name string, n_dims uint32, n_dims × uint64 dimensions
//	           (innermost first), tensor type uint32, offset uint64
//	padding to the alignment (general.alignment, default 32),
//	tensor data, each tensor at data start + offset, offsets aligned.
//
// A string is a uint64 byte length and the bytes; an array is an element type
// uint32, a uint64 count and the elements. Version 1 used 32-bit counts and is
// refused.
package gguf
