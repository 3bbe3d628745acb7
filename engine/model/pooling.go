package model

import "fmt"

// Pooling is how an embedding model turns the vectors of a text's tokens
// into one vector: llama.cpp's {arch}.pooling_type.
type Pooling int

// The pooling types, numbered as llama.cpp numbers them in GGUF files.
const (
	PoolingNone Pooling = 0
	PoolingMean Pooling = 1
	PoolingCLS  Pooling = 2
	PoolingLast Pooling = 3
	PoolingRank Pooling = 4
)

// String names the pooling type ("mean", "cls", "last").
func (p Pooling) String() string {
	switch p {
	case PoolingNone:
		return "none"
	case PoolingMean:
		return "mean"
	case PoolingCLS:
		return "cls"
	case PoolingLast:
		return "last"
	case PoolingRank:
		return "rank"
	}
	return fmt.Sprintf("pooling %d", int(p))
}

// readPooling reads {arch}.pooling_type; def is used when it is missing.
// Pooling types other than mean, cls and last are refused.
func readPooling(md Metadata, arch string, def Pooling) (Pooling, error) {
	p := def
	if v, ok := md.Uint(arch + ".pooling_type"); ok {
		if v > 16 {
			return 0, invalidf("%s.pooling_type = %d is out of range", arch, v)
		}
		p = Pooling(v)
	}
	switch p {
	case PoolingMean, PoolingCLS, PoolingLast:
		return p, nil
	}
	return 0, unsupportedf("%s embeddings with pooling type %q are not supported (only mean, cls and last)", arch, p)
}
