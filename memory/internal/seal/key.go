package seal

import (
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// KeySize is the size in bytes of a data key.
const KeySize = chacha20poly1305.KeySize

// Key seals and opens records under one 256-bit data key.
type Key struct {
	id   uint32
	aead cipher.AEAD
}

// NewKey returns a Key for the 32-byte secret k, identified by id.
func NewKey(id uint32, k []byte) (*Key, error) {
	aead, err := chacha20poly1305.NewX(k)
	if err != nil {
		return nil, fmt.Errorf("new seal key: %w", err)
	}
	return &Key{id: id, aead: aead}, nil
}

// ID returns the key id written into every record sealed by k.
func (k *Key) ID() uint32 { return k.id }

// Seal pads and encrypts plaintext for storage at place p, with a fresh
// random nonce.
func (k *Key) Seal(p Place, plaintext []byte) []byte {
	body := pad(plaintext)
	out := make([]byte, HeaderSize, HeaderSize+len(body)+k.aead.Overhead())
	out[0] = Version
	binary.BigEndian.PutUint32(out[1:5], k.id)
	_, _ = rand.Read(out[5:HeaderSize]) // crypto/rand.Read never fails: it aborts the program instead
	return k.aead.Seal(out, out[5:HeaderSize], body, associatedData(Version, k.id, p))
}

// Open authenticates and decrypts a record stored at place p. It returns
// ErrUnauthenticated when the record was altered or belongs elsewhere.
func (k *Key) Open(p Place, record []byte) ([]byte, error) {
	h, ct, err := Parse(record)
	if err != nil {
		return nil, err
	}
	if h.KeyID != k.id {
		return nil, fmt.Errorf("open record: key id %d, want %d: %w", h.KeyID, k.id, ErrKeyID)
	}
	body, err := k.aead.Open(nil, h.Nonce, ct, associatedData(h.Version, h.KeyID, p))
	if err != nil {
		return nil, fmt.Errorf("open record: %w", ErrUnauthenticated)
	}
	return unpad(body)
}
