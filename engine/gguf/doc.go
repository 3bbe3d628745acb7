// Package gguf reads and writes GGUF files, the container llama.cpp and Hearth
// use for language models: a header of typed metadata (architecture,
// hyperparameters, tokenizer vocabulary, chat template) followed by a table of
// tensor descriptions and an aligned section of tensor data.
//
// A File comes from Open, which memory-maps the file so that tensor data is
// never copied (Data returns a slice of the mapping), or from Parse and
// ParseBytes. Every count, length and offset read from a file is checked
// against the file's size before anything is allocated, so a hostile or
// damaged file yields an error wrapping ErrNotGGUF, ErrCorrupt,
// ErrUnsupportedVersion or ErrUnsupportedType, never a panic or an
// out-of-memory crash.
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
//
// Decisions, measured against llama.cpp's own parser (see the tests):
//
//   - Stricter than llama.cpp where it trusts the file: a tensor's element
//     count must fit in 63 bits and its size in 64 (llama.cpp lets 2^80
//     elements wrap to 0 bytes), and every tensor's data must lie inside the
//     file (llama.cpp checks only when it loads the data).
//   - Looser where no safety is at stake: tensors may come in any order and
//     leave gaps, as long as each is aligned and none overlap (llama.cpp wants
//     them packed in table order).
//   - general.alignment must be a uint32 power of two, as llama.cpp requires.
//   - A file without tensors has no data section: DataOffset is the end of
//     the metadata, unpadded, and the Writer adds no padding.
//   - A tensor type ggml defines but Hearth does not read (IQ*, TQ*, MXFP4)
//     fails with ErrUnsupportedType, by name; its size cannot be checked, so
//     the file cannot be read at all.
//   - The strings of an array share one allocation: a vocabulary of 150,000
//     tokens loads in a handful of allocations, and any token kept alive keeps
//     the whole array's bytes alive.
//   - The Writer keeps references to tensor data rather than copies and
//     streams it out; AddTensorFunc lets a generator produce each tensor
//     while the file is written.
package gguf
