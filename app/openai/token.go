package openai

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// tokenPrefix marks Hearth's API tokens, so one pasted elsewhere is
// recognisable.
const tokenPrefix = "hearth-"

// LoadOrCreateToken returns the API token kept in the file at path, creating
// the file (0600, its directory 0700) with a new random token when there is
// none. A token file others can read is refused.
func LoadOrCreateToken(path string) (string, error) {
	b, err := os.ReadFile(path)
	switch {
	case err == nil:
		return checkTokenFile(path, strings.TrimSpace(string(b)))
	case !errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("api token: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", fmt.Errorf("api token: %w", err)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("api token: %w", err)
	}
	token := tokenPrefix + hex.EncodeToString(raw)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", fmt.Errorf("api token: %w", err)
	}
	_, err = f.WriteString(token + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return "", fmt.Errorf("api token: %w", err)
	}
	return token, nil
}

// checkTokenFile refuses an empty token or one in a file others can read.
func checkTokenFile(path, token string) (string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", fmt.Errorf("api token: %w", err)
	}
	if fi.Mode().Perm()&0o077 != 0 && os.PathSeparator == '/' {
		return "", fmt.Errorf("api token: %s can be read by other users (mode %v); make it private with chmod 600 or delete it to get a new token", path, fi.Mode().Perm())
	}
	if len(token) < 32 {
		return "", fmt.Errorf("api token: %s does not hold a token; delete it to get a new one", path)
	}
	return token, nil
}
