package seal

import (
	"encoding/binary"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// Version is the record format version written by this package.
const Version byte = 1

// HeaderSize is the number of bytes before the ciphertext: version, key
// id and nonce.
const HeaderSize = 1 + 4 + chacha20poly1305.NonceSizeX

// Overhead is the smallest number of bytes a record adds to its padded
// plaintext: the header and the authentication tag.
const Overhead = HeaderSize + chacha20poly1305.Overhead

// Header is the clear part of a sealed record.
type Header struct {
	Version byte
	KeyID   uint32
	Nonce   []byte
}

// Parse splits a record into its header and ciphertext without opening
// it. It checks only the framing: authentication is Key.Open's job.
func Parse(record []byte) (Header, []byte, error) {
	if len(record) < Overhead {
		return Header{}, nil, fmt.Errorf("parse record of %d bytes: %w", len(record), ErrMalformed)
	}
	h := Header{
		Version: record[0],
		KeyID:   binary.BigEndian.Uint32(record[1:5]),
		Nonce:   record[5:HeaderSize],
	}
	if h.Version != Version {
		return Header{}, nil, fmt.Errorf("parse record version %d: %w", h.Version, ErrVersion)
	}
	return h, record[HeaderSize:], nil
}
