package gguf

import (
	"errors"
	"fmt"
)

// ErrNotGGUF reports input that does not start with the GGUF magic bytes.
var ErrNotGGUF = errors.New("not a GGUF file")

// ErrCorrupt reports a GGUF file whose contents are inconsistent: truncated,
// out-of-range counts or offsets, unknown types, duplicate names. It is always
// wrapped with a description of what is wrong and where.
var ErrCorrupt = errors.New("corrupt GGUF file")

// ErrUnsupportedVersion reports a GGUF file of a version this package does not
// read (only versions 2 and 3 are read).
var ErrUnsupportedVersion = errors.New("unsupported GGUF version")

// ErrUnsupportedType reports a tensor of a type ggml defines but Hearth does
// not read (the IQ and TQ quantizations, MXFP4). It is wrapped with the
// tensor and the type's name.
var ErrUnsupportedType = errors.New("unsupported tensor type")

// corruptf returns an error wrapping ErrCorrupt with a formatted description.
func corruptf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrCorrupt, fmt.Sprintf(format, args...))
}

// inSection wraps a problem found while reading part of the file (where) as
// ErrCorrupt, or as a plain read failure when the reader itself failed.
func inSection(where string, err error) error {
	if re, ok := errors.AsType[*readError](err); ok {
		return fmt.Errorf("%s: %w", where, re)
	}
	if errors.Is(err, ErrUnsupportedType) {
		return fmt.Errorf("%s: %w", where, err)
	}
	return corruptf("%s: %v", where, err)
}
