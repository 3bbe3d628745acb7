package bundle

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"aead.dev/minisign"
)

// maxKeyFile bounds a minisign secret-key file: two short lines.
const maxKeyFile = 4 << 10

// LoadPrivateKey reads a minisign secret-key file, as `minisign -G` writes
// it: encrypted with a password, which password is asked for, or not
// encrypted (`minisign -G -W`), in which case password is not called and
// may be nil.
func LoadPrivateKey(path string, password func() (string, error)) (minisign.PrivateKey, error) {
	data, err := readSmallFile(path, maxKeyFile, ErrBadKey)
	if err != nil {
		return minisign.PrivateKey{}, err
	}
	if !minisign.IsEncrypted(data) {
		var key minisign.PrivateKey
		if err := key.UnmarshalText(data); err != nil {
			return minisign.PrivateKey{}, failCause(ErrBadKey, err, "%s is not a minisign secret key", path)
		}
		return key, nil
	}
	if password == nil {
		return minisign.PrivateKey{}, fail(ErrWrongPassword, "the minisign key %s is encrypted and no password was given", path)
	}
	pw, err := password()
	if err != nil {
		return minisign.PrivateKey{}, fmt.Errorf("read the password of %s: %w", path, err)
	}
	key, err := minisign.DecryptKey(pw, data)
	if err != nil {
		return minisign.PrivateKey{}, failCause(ErrWrongPassword, err, "the password does not open the minisign key %s", path)
	}
	return key, nil
}

// readSmallFile reads a file the user named, refusing one over max bytes
// with an error of the given kind.
func readSmallFile(path string, max int64, kind error) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("cannot open %s: %w", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	if int64(len(data)) > max {
		return nil, fail(kind, "%s is larger than %s", path, size(max))
	}
	return data, nil
}
