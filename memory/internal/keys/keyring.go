package keys

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/zalando/go-keyring"
)

// Keyring stores small secrets in the operating system's credential store.
type Keyring interface {
	// Get returns the secret stored for user.
	Get(ctx context.Context, user string) (string, error)
	// Set stores secret for user.
	Set(ctx context.Context, user, secret string) error
	// Delete removes the secret for user.
	Delete(ctx context.Context, user string) error
}

// SystemKeyring is the OS keyring (Keychain, Windows Credential Manager,
// the Secret Service on Linux) under one service name. Every call gives up
// after Timeout: on a headless machine the Secret Service may be missing
// or hang, and unlocking must then fall back to the passphrase quickly.
type SystemKeyring struct {
	Service string
	Timeout time.Duration
}

var _ Keyring = SystemKeyring{}

// Get returns the secret stored for user, or an error wrapping
// ErrNoKeyring when the keyring cannot be reached.
func (k SystemKeyring) Get(ctx context.Context, user string) (string, error) {
	var s string
	err := k.call(ctx, func() (err error) { s, err = keyring.Get(k.Service, user); return err })
	return s, err
}

// Set stores secret for user.
func (k SystemKeyring) Set(ctx context.Context, user, secret string) error {
	return k.call(ctx, func() error { return keyring.Set(k.Service, user, secret) })
}

// Delete removes the secret for user.
func (k SystemKeyring) Delete(ctx context.Context, user string) error {
	return k.call(ctx, func() error { return keyring.Delete(k.Service, user) })
}

// call runs f in a goroutine so a hung keyring daemon cannot block the
// caller past the timeout. A timed-out f is abandoned, not killed.
func (k SystemKeyring) call(ctx context.Context, f func() error) error {
	timeout := k.Timeout
	if timeout <= 0 {
		timeout = 3 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		if err == nil || errors.Is(err, keyring.ErrNotFound) {
			return err
		}
		return fmt.Errorf("keyring: %w: %w", err, ErrNoKeyring)
	case <-ctx.Done():
		return fmt.Errorf("keyring: %w: %w", ctx.Err(), ErrNoKeyring)
	}
}
