package quant

import "errors"

// Sentinel errors returned (wrapped) by the conversions; test them with errors.Is.
var (
	// ErrUnknownType reports a type id that Hearth has no layout for.
	ErrUnknownType = errors.New("unknown tensor type")
	// ErrUnsupported reports a known type that Quantize or Dequantize cannot convert.
	ErrUnsupported = errors.New("tensor type not supported")
	// ErrBlockSize reports an element count that is not a whole number of blocks.
	ErrBlockSize = errors.New("element count is not a whole number of blocks")
	// ErrSize reports a byte buffer whose length does not match the element count.
	ErrSize = errors.New("buffer size does not match the element count")
)
