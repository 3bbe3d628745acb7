package keys

import (
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"strings"
)

// crockford is Crockford's base32 alphabet: no I, L, O or U, so a printed
// key is hard to misread.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// RecoverySecretSize is the number of random bytes in a recovery key.
const RecoverySecretSize = 32

// NewRecoveryKey returns a fresh random recovery secret and its printable
// form: base32 groups of five with a two-character checksum at the end.
func NewRecoveryKey() (secret []byte, printable string) {
	secret = make([]byte, RecoverySecretSize)
	_, _ = rand.Read(secret)
	return secret, FormatRecoveryKey(secret)
}

// FormatRecoveryKey renders secret as printed for the user.
func FormatRecoveryKey(secret []byte) string {
	sum := sha256.Sum256(secret)
	digits := toBase32(append(append([]byte(nil), secret...), sum[0]))
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && i%5 == 0 {
			b.WriteByte('-')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ParseRecoveryKey reads a recovery key as the user types it back: case,
// dashes and spaces do not matter, and I, L and O read as 1, 1 and 0.
func ParseRecoveryKey(s string) ([]byte, error) {
	var digits []byte
	for _, r := range strings.ToUpper(s) {
		switch r {
		case '-', ' ', '\t', '\n':
			continue
		case 'I', 'L':
			r = '1'
		case 'O':
			r = '0'
		}
		i := strings.IndexRune(crockford, r)
		if i < 0 {
			return nil, fmt.Errorf("parse recovery key: character %q: %w", r, ErrBadRecoveryKey)
		}
		digits = append(digits, byte(i))
	}
	raw, ok := fromBase32(digits, RecoverySecretSize+1)
	if !ok {
		return nil, fmt.Errorf("parse recovery key: wrong length: %w", ErrBadRecoveryKey)
	}
	secret := raw[:RecoverySecretSize]
	if sum := sha256.Sum256(secret); sum[0] != raw[RecoverySecretSize] {
		return nil, fmt.Errorf("parse recovery key: checksum: %w", ErrBadRecoveryKey)
	}
	return secret, nil
}

// toBase32 encodes b big-endian, five bits per digit, padding the last
// digit with zero bits.
func toBase32(b []byte) []rune {
	var out []rune
	var acc uint32
	var bits uint
	for _, c := range b {
		acc = acc<<8 | uint32(c)
		bits += 8
		for bits >= 5 {
			bits -= 5
			out = append(out, rune(crockford[(acc>>bits)&31]))
		}
	}
	if bits > 0 {
		out = append(out, rune(crockford[(acc<<(5-bits))&31]))
	}
	return out
}

// fromBase32 decodes digit values into exactly n bytes.
func fromBase32(digits []byte, n int) ([]byte, bool) {
	if len(digits) != (n*8+4)/5 {
		return nil, false
	}
	out := make([]byte, 0, n)
	var acc uint32
	var bits uint
	for _, d := range digits {
		acc = acc<<5 | uint32(d)
		bits += 5
		if bits >= 8 {
			bits -= 8
			out = append(out, byte(acc>>bits))
		}
	}
	return out, len(out) == n && acc&(1<<bits-1) == 0
}
