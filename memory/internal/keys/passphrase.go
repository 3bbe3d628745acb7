package keys

import (
	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// NormalizePassphrase returns the form of s that keys are derived from:
// Unicode NFC. The same passphrase typed on systems that compose accents
// differently (NFC on most, NFD on some macOS input paths) unlocks the
// same store; compatibility variants (ligatures, full-width forms) stay
// distinct, as they are different characters.
func NormalizePassphrase(s string) string { return norm.NFC.String(s) }

// derivePassphrase runs Argon2id over the normalised passphrase. The
// byte copy of the passphrase is zeroed after use (the string it came
// from cannot be: Go strings are immutable).
func derivePassphrase(pass string, salt []byte, p Params) []byte {
	b := []byte(NormalizePassphrase(pass))
	defer clear(b)
	return argon2.IDKey(b, salt, p.Time, p.MemoryKiB, p.Threads, 32)
}
