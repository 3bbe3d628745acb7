package tokenizer

import "errors"

// ErrMissing reports metadata a tokenizer cannot be built without, such as
// the token list or the merges of a BPE vocabulary.
var ErrMissing = errors.New("missing metadata")

// ErrUnsupported reports a tokenizer model or pre-tokenizer this package does
// not implement.
var ErrUnsupported = errors.New("unsupported")

// ErrInvalid reports metadata that is present but inconsistent, such as a
// token-type list shorter than the token list.
var ErrInvalid = errors.New("invalid metadata")
