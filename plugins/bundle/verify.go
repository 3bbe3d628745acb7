package bundle

import (
	"fmt"

	"aead.dev/minisign"
)

// Verify checks the signature over ManifestBytes with the public key the
// manifest names, in minisign's legacy ("Ed") or prehashed ("ED") form,
// and returns the key's ID as minisign prints it (16 upper-case hex
// digits). Whether that key is the one the user trusts for this plugin is
// for the caller to decide.
func (b *Bundle) Verify() (keyID string, err error) {
	if b.Signature == nil {
		if b.Manifest.PublicKey != "" {
			return "", fail(ErrUnsigned, "the plugin names an author key but carries no signature")
		}
		return "", fail(ErrUnsigned, "the plugin is not signed")
	}
	if b.Manifest.PublicKey == "" {
		return "", fail(ErrBadSignature, "the plugin carries a signature but its manifest names no author key to check it with")
	}
	var key minisign.PublicKey
	if err := key.UnmarshalText([]byte(b.Manifest.PublicKey)); err != nil {
		return "", failCause(ErrBadSignature, err, "the plugin's author key is not a minisign public key")
	}
	var sig minisign.Signature
	if err := sig.UnmarshalText(b.Signature); err != nil {
		return "", failCause(ErrBadSignature, err, "the plugin's signature file is not a minisign signature")
	}
	if sig.KeyID != key.ID() {
		return "", fail(ErrBadSignature, "the plugin was signed with key %s, not with its author's key %s", FormatKeyID(sig.KeyID), FormatKeyID(key.ID()))
	}
	if !minisign.Verify(key, b.ManifestBytes, b.Signature) {
		return "", fail(ErrBadSignature, "the plugin's signature does not match its author's key")
	}
	return FormatKeyID(key.ID()), nil
}

// FormatKeyID writes a minisign key ID as minisign prints it.
func FormatKeyID(id uint64) string { return fmt.Sprintf("%016X", id) }
