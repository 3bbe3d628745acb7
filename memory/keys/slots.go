package keys

import "fmt"

// NewPassphraseSlot wraps dek under a key derived from pass with the
// Argon2id parameters p and a fresh salt.
func NewPassphraseSlot(dek []byte, keyID uint32, pass string, p Params) (Slot, error) {
	if pass == "" {
		return Slot{}, fmt.Errorf("new passphrase slot: %w", ErrEmptyPassphrase)
	}
	s := Slot{Kind: KindPassphrase, KeyID: keyID, Salt: newSalt(), Params: p}
	return s.wrap(derivePassphrase(pass, s.Salt, p), dek)
}

// OpenPassphrase returns the data key in a passphrase slot. Parameters
// below floor are refused with ErrBelowFloor before any derivation.
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
	return s.unwrap(derivePassphrase(pass, s.Salt, s.Params))
}

// NewSecretSlot wraps dek under a key derived from a high-entropy secret:
// a recovery key or a keyring secret.
func NewSecretSlot(kind Kind, dek []byte, keyID uint32, secret []byte) (Slot, error) {
	if kind == KindPassphrase {
		return Slot{}, fmt.Errorf("new secret slot: kind %s: %w", kind, ErrMalformed)
	}
	s := Slot{Kind: kind, KeyID: keyID, Salt: newSalt()}
	return s.wrap(secretKEK(kind, secret, s.Salt), dek)
}

// OpenSecret returns the data key in a recovery or keyring slot.
func (s Slot) OpenSecret(secret []byte) ([]byte, error) {
	if s.Kind == KindPassphrase {
		return nil, fmt.Errorf("open passphrase slot with a secret: %w", ErrMalformed)
	}
	return s.unwrap(secretKEK(s.Kind, secret, s.Salt))
}
