package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/hearth-app/hearth/memory"
	"golang.org/x/term"
)

// storeDir is where the encrypted store lives inside the data directory.
func storeDir() (string, error) {
	dir, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "store"), nil
}

// openStore opens the encrypted store, creating it on first use. The
// passphrase comes from HEARTH_PASSPHRASE or, in a terminal, from a prompt
// (asked twice when the store is new). A new store's recovery key is shown
// once, on stdio.Err. A command loads the search index only when it
// searches or changes what is indexed (memory.WithLazyIndex): a re-scan
// of an unchanged folder never loads it.
func openStore(ctx context.Context, stdio IO) (*memory.Store, error) {
	dir, err := storeDir()
	if err != nil {
		return nil, err
	}
	if err := recoverStoreDir(dir); err != nil {
		return nil, err
	}
	st, err := memory.Open(ctx, dir, memory.PassphrasePrompt(func(ctx context.Context) (string, error) {
		return passphrase(ctx, stdio, "HEARTH_PASSPHRASE", "Passphrase: ", false)
	}), memory.WithLazyIndex())
	if !errors.Is(err, memory.ErrNoStore) {
		return st, storeError(err)
	}
	pass, err := passphrase(ctx, stdio, "HEARTH_PASSPHRASE", "Choose a passphrase for Hearth's encrypted store: ", true)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create store: %w", err)
	}
	st, recovery, err := memory.Create(ctx, dir, pass, memory.WithLazyIndex())
	if err != nil {
		return nil, storeError(err)
	}
	fmt.Fprintf(stdio.Err, "Created Hearth's encrypted store in %s.\n", dir)
	fmt.Fprintf(stdio.Err, "Your recovery key (shown only now; keep it somewhere safe): %s\n", recovery)
	return st, nil
}

// withStore opens the encrypted store, runs fn with it and closes it.
func withStore(ctx context.Context, stdio IO, fn func(*memory.Store) error) error {
	st, err := openStore(ctx, stdio)
	if err != nil {
		return err
	}
	defer st.Close()
	return fn(st)
}

// errWrongPassphrase is the sentence for a passphrase or recovery key that
// does not open the store.
var errWrongPassphrase = errors.New("wrong passphrase")

// storeError turns the store's errors into the sentence the user sees.
func storeError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, memory.ErrWrongPassphrase):
		return errWrongPassphrase
	case errors.Is(err, memory.ErrEmptyPassphrase):
		return errors.New("the passphrase is empty")
	case errors.Is(err, memory.ErrInUse):
		dir, derr := DataDir()
		if derr != nil {
			return err
		}
		return inUseError{dataDir: dir}
	}
	return err
}

// passphrase returns the environment variable env when it was set (Run
// takes it out of the environment: see takeEnvSecrets), or asks on the
// terminal; confirm asks twice. Without a terminal and without the
// variable it fails clearly.
func passphrase(ctx context.Context, stdio IO, env, prompt string, confirm bool) (string, error) {
	if p, ok := envSecret(ctx, env); ok {
		return p, nil
	}
	f, ok := stdio.In.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return "", fmt.Errorf("no passphrase: set %s or run hearth in a terminal to type it", env)
	}
	first, err := readSecret(f, stdio.Err, prompt)
	if err != nil || !confirm {
		return first, err
	}
	second, err := readSecret(f, stdio.Err, "Type it again: ")
	if err != nil {
		return "", err
	}
	if first != second {
		return "", errors.New("the two passphrases differ")
	}
	return first, nil
}

func readSecret(f *os.File, w io.Writer, prompt string) (string, error) {
	fmt.Fprint(w, prompt)
	b, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(w)
	if err != nil {
		return "", fmt.Errorf("read passphrase: %w", err)
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}
