package keys

import "fmt"

// NewPassphraseSlot wraps dek under a key derived from pass with the
// Argon2id parameters p and a fresh salt.
func NewPassphraseSlot(dek []byte, keyID uint32, pass string, p Params) (Slot, error) {
	if pass == "" {
		return Slot{}, fmt.Errorf("new passphrase slot: %w", ErrEmptyPassphrase)
	}
	if err := p.check(); err != nil {
		return Slot{}, fmt.Errorf("new passphrase slot: %w", err)
	}
	s := Slot{Kind: KindPassphrase, KeyID: keyID, Salt: newSalt(), Params: p}
	kek := derivePassphrase(pass, s.Salt, p)
	defer clear(kek)
	return s.wrap(kek, dek)
}

// OpenPassphrase returns the data key in a passphrase slot. Parameters
// below floor are refused with ErrBelowFloor, parameters above
// CeilingParams with ErrAboveCeiling, both before any derivation.
func (s Slot) OpenPassphrase(pass string, floor Params) ([]byte, error) {
	if s.Kind != KindPassphrase {
		return nil, fmt.Errorf("open %s slot with a passphrase: %w", s.Kind, ErrMalformed)
	}
	if pass == "" {
		return nil, fmt.Errorf("open passphrase slot: %w", ErrEmptyPassphrase)
	}
	if !s.Params.AtLeast(floor) {
		return nil, fmt.Errorf("open passphrase slot: stored %v, floor %v: %w", s.Params, floor, ErrBelowFloor)
	}
	if err := s.Params.check(); err != nil {
		return nil, fmt.Errorf("open passphrase slot: %w", err)
	}
	kek := derivePassphrase(pass, s.Salt, s.Params)
	defer clear(kek)
	return s.unwrap(kek)
}

// NewSecretSlot wraps dek under a key derived from a high-entropy secret:
// a recovery key or a keyring secret.
func NewSecretSlot(kind Kind, dek []byte, keyID uint32, secret []byte) (Slot, error) {
	if kind == KindPassphrase {
		return Slot{}, fmt.Errorf("new secret slot: kind %s: %w", kind, ErrMalformed)
	}
	s := Slot{Kind: kind, KeyID: keyID, Salt: newSalt()}
	kek := secretKEK(kind, secret, s.Salt)
	defer clear(kek)
	return s.wrap(kek, dek)
}

// OpenSecret returns the data key in a recovery or keyring slot.
func (s Slot) OpenSecret(secret []byte) ([]byte, error) {
	if s.Kind == KindPassphrase {
		return nil, fmt.Errorf("open passphrase slot with a secret: %w", ErrMalformed)
	}
	kek := secretKEK(s.Kind, secret, s.Salt)
	defer clear(kek)
	return s.unwrap(kek)
}
