package seal

import (
	"encoding/binary"
	"fmt"
)

// bucket returns the padded size for a payload of n bytes: powers of two
// from 64 bytes to 4 KiB, then multiples of 4 KiB. Lengths of short texts
// are hidden well; long ones leak at most their size in 4 KiB steps.
func bucket(n int) int {
	const step = 4096
	if n > step {
		return (n + step - 1) / step * step
	}
	b := 64
	for b < n {
		b *= 2
	}
	return b
}

// pad frames p as uvarint(len) | p | zeros up to its bucket size.
func pad(p []byte) []byte {
	var lenbuf [binary.MaxVarintLen64]byte
	k := binary.PutUvarint(lenbuf[:], uint64(len(p)))
	out := make([]byte, bucket(k+len(p)))
	copy(out, lenbuf[:k])
	copy(out[k:], p)
	return out
}

// unpad reverses pad. The input is authenticated already, so a bad frame
// means a bug or a foreign writer, not an attacker.
func unpad(b []byte) ([]byte, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return nil, fmt.Errorf("unpad: %w", ErrMalformed)
	}
	return b[k : k+int(n)], nil
}
