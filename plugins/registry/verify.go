package registry

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"time"

	"aead.dev/minisign"
)

// maxSignature bounds index.json.minisig.
const maxSignature = 4 << 10

// Trust is what the app keeps, sealed, between refreshes: the registry's
// key and what it accepted last.
type Trust struct {
	PublicKey  string // the registry's minisign public key (the "RW..." line)
	LastSerial uint64 // the serial of the last index accepted
	LastSHA256 string // the sha256 of that index's bytes, "" before the first
}

// Verify checks a downloaded index (see the package comment) and returns
// it. It fails closed, with one sentence, on anything it cannot check.
func Verify(index, sig []byte, t Trust, now time.Time) (*Index, error) {
	if len(index) > MaxIndex {
		return nil, fail(ErrTooLarge, "the registry index is larger than %d MiB", MaxIndex>>20)
	}
	if err := checkSignature(index, sig, t.PublicKey); err != nil {
		return nil, err
	}
	ix, err := parse(index)
	if err != nil {
		return nil, err
	}
	if !now.Before(ix.Expires) {
		return nil, fail(ErrExpired, "the registry index expired on %s; the registry may be stale or replayed", ix.Expires.UTC().Format(time.DateOnly))
	}
	if ix.Serial < t.LastSerial {
		return nil, fail(ErrRollback, "the registry index has serial %d, older than the %d already seen", ix.Serial, t.LastSerial)
	}
	if ix.Serial == t.LastSerial && t.LastSHA256 != "" && sum(index) != t.LastSHA256 {
		return nil, fail(ErrRollback, "the registry index changed without a new serial (%d)", ix.Serial)
	}
	return ix, nil
}

// Advance returns the trust to keep after index, which Verify accepted as
// ix.
func (t Trust) Advance(index []byte, ix *Index) Trust {
	return Trust{PublicKey: t.PublicKey, LastSerial: ix.Serial, LastSHA256: sum(index)}
}

// checkSignature checks sig over index with the registry's key.
func checkSignature(index, sig []byte, publicKey string) error {
	var key minisign.PublicKey
	if err := key.UnmarshalText([]byte(publicKey)); err != nil {
		return failCause(ErrBadKey, err, "the registry's public key is not a minisign public key")
	}
	if len(sig) == 0 {
		return fail(ErrUnsigned, "the registry index has no signature")
	}
	if len(sig) > maxSignature {
		return fail(ErrBadSignature, "the registry index's signature file is larger than %d KiB", maxSignature>>10)
	}
	var s minisign.Signature
	if err := s.UnmarshalText(sig); err != nil {
		return failCause(ErrBadSignature, err, "the registry index's signature file is not a minisign signature")
	}
	if s.KeyID != key.ID() {
		return fail(ErrBadSignature, "the registry index was signed with key %016X, not the registry's key %016X", s.KeyID, key.ID())
	}
	if !minisign.Verify(key, index, sig) {
		return fail(ErrBadSignature, "the registry index's signature does not match the registry's key")
	}
	return nil
}

// Sign signs an index for publishing, in minisign's prehashed form; the
// same file `minisign -S -m index.json` writes. It refuses an index that
// Verify would find malformed.
func Sign(index []byte, key minisign.PrivateKey) ([]byte, error) {
	ix, err := parse(index)
	if err != nil {
		return nil, err
	}
	r := minisign.NewReader(bytes.NewReader(index))
	if _, err := io.Copy(io.Discard, r); err != nil {
		return nil, fmt.Errorf("sign the registry index: %w", err)
	}
	trusted := fmt.Sprintf("file:index.json\tserial:%d", ix.Serial)
	return r.SignWithComments(key, trusted, "signature from minisign secret key"), nil
}

// sum is the lower-case hex sha256 of data.
func sum(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}
