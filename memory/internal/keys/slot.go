package keys

import (
	"crypto/rand"
	"encoding/binary"
	"fmt"

	"crypto/sha256"
	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/hkdf"
	"io"
)

// Kind says how a slot's key-encryption key is derived.
type Kind uint8

// The kinds of slot.
const (
	KindPassphrase Kind = 1 // Argon2id over a passphrase
	KindRecovery   Kind = 2 // HKDF over a printed recovery key
	KindKeyring    Kind = 3 // HKDF over a secret kept in the OS keyring
)

// String names k for messages.
func (k Kind) String() string {
	switch k {
	case KindPassphrase:
		return "passphrase"
	case KindRecovery:
		return "recovery key"
	case KindKeyring:
		return "keyring"
	}
	return fmt.Sprintf("kind %d", uint8(k))
}

// Slot is the data key wrapped under one unlock secret.
type Slot struct {
	Kind    Kind
	KeyID   uint32 // id of the data key inside
	Salt    []byte
	Params  Params // Argon2id cost, for passphrase slots only
	Wrapped []byte // nonce | sealed data key | tag
}

const (
	slotMagic = "HKS1"
	saltSize  = 16
	adLabel   = "hearth.keyslot"
)

// header is every field but Wrapped; it is the associated data of the wrap.
func (s Slot) header() []byte {
	b := append([]byte(slotMagic), byte(s.Kind))
	b = binary.BigEndian.AppendUint32(b, s.KeyID)
	b = append(b, byte(len(s.Salt)))
	b = append(b, s.Salt...)
	if s.Kind == KindPassphrase {
		b = append(b, s.Params.marshal()...)
	}
	return b
}

// wrap seals dek under kek into a new slot with this header.
func (s Slot) wrap(kek, dek []byte) (Slot, error) {
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return Slot{}, fmt.Errorf("wrap %s slot: %w", s.Kind, err)
	}
	nonce := make([]byte, aead.NonceSize())
	_, _ = rand.Read(nonce) // crypto/rand.Read never fails: it aborts the program instead
	s.Wrapped = aead.Seal(nonce, nonce, dek, append([]byte(adLabel), s.header()...))
	return s, nil
}

// unwrap opens the slot with kek.
func (s Slot) unwrap(kek []byte) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return nil, fmt.Errorf("unwrap %s slot: %w", s.Kind, err)
	}
	ns := aead.NonceSize()
	if len(s.Wrapped) < ns+aead.Overhead() {
		return nil, fmt.Errorf("unwrap %s slot: %w", s.Kind, ErrMalformed)
	}
	dek, err := aead.Open(nil, s.Wrapped[:ns], s.Wrapped[ns:], append([]byte(adLabel), s.header()...))
	if err != nil {
		return nil, fmt.Errorf("unwrap %s slot: %w", s.Kind, ErrWrongSecret)
	}
	return dek, nil
}

func newSalt() []byte {
	salt := make([]byte, saltSize)
	_, _ = rand.Read(salt)
	return salt
}

// secretKEK derives a key-encryption key from a high-entropy secret.
func secretKEK(kind Kind, secret, salt []byte) []byte {
	kek := make([]byte, 32)
	r := hkdf.New(sha256.New, secret, salt, []byte(adLabel+" "+kind.String()))
	_, _ = io.ReadFull(r, kek) // 32 bytes are always available from HKDF-SHA256
	return kek
}
