package memory_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/internal/keys"
)

// snapshotDir hashes every file in dir except SQLite's -shm, a transient
// index of the WAL that any reader may rebuild.
func snapshotDir(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	entries, err := os.ReadDir(dir)
	must(t, err)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), "-shm") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		must(t, err)
		out[e.Name()] = sha256.Sum256(b)
	}
	return out
}

func sameDir(t *testing.T, before, after map[string][32]byte) {
	t.Helper()
	if len(before) != len(after) {
		t.Fatalf("files changed: before %d, after %d", len(before), len(after))
	}
	for name, h := range before {
		if after[name] != h {
			t.Fatalf("%s changed", name)
		}
	}
}

func TestOpenRefusesBadSecrets(t *testing.T) {
	ctx := context.Background()
	const nfc = "cl\u00e9 \ufb01nale"
	dir := t.TempDir()
	s, _, err := memory.Create(ctx, dir, nfc, testOpts()...)
	must(t, err)
	_, err = s.AddMemory(ctx, "canary", memory.Source{})
	must(t, err)
	must(t, s.Close())
	for _, tc := range []struct {
		name string
		u    memory.Unlocker
		want error
	}{
		{"wrong", memory.Passphrase("cle finale"), memory.ErrWrongPassphrase},
		{"empty", memory.Passphrase(""), memory.ErrEmptyPassphrase},
		{"compatibility variant (ligature spelled out)", memory.Passphrase("cl\u00e9 finale"), memory.ErrWrongPassphrase},
		{"malformed recovery key", memory.RecoveryKey("AAAA-BBBB"), memory.ErrWrongPassphrase},
		{"another store's recovery key", memory.RecoveryKey(keysRecovery()), memory.ErrWrongPassphrase},
		{"prompt error", memory.PassphrasePrompt(func(context.Context) (string, error) { return "", context.Canceled }), context.Canceled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := snapshotDir(t, dir)
			got, err := memory.Open(ctx, dir, tc.u, testOpts()...)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Open error = %v, want %v", err, tc.want)
			}
			if got != nil {
				t.Fatal("Open returned a store with an error")
			}
			sameDir(t, before, snapshotDir(t, dir))
		})
	}
	t.Run("after a crash: database and WAL untouched", func(t *testing.T) {
		crashed, _ := crashCopy(t)
		before := snapshotDir(t, crashed)
		if _, ok := before["hearth.db-wal"]; !ok {
			t.Fatal("crash copy has no WAL")
		}
		if _, err := memory.Open(ctx, crashed, memory.Passphrase("wrong"), testOpts()...); !errors.Is(err, memory.ErrWrongPassphrase) {
			t.Fatalf("Open error = %v", err)
		}
		sameDir(t, before, snapshotDir(t, crashed))
	})
	t.Run("NFD spelling of the same passphrase unlocks", func(t *testing.T) {
		s, err := memory.Open(ctx, dir, memory.Passphrase("cle\u0301 \ufb01nale"), testOpts()...)
		must(t, err)
		must(t, s.Close())
	})
}

func keysRecovery() string {
	_, printed := keys.NewRecoveryKey()
	return printed
}

func TestCreateAndOpenErrors(t *testing.T) {
	ctx := context.Background()
	_, dir, _ := func() (*memory.Store, string, string) {
		s, dir, rk := newStore(t)
		s.Close()
		return s, dir, rk
	}()
	for _, tc := range []struct {
		name string
		run  func() error
		want error
	}{
		{"create over a store", func() error { _, _, err := memory.Create(ctx, dir, pass, testOpts()...); return err }, memory.ErrExists},
		{"create with empty passphrase", func() error { _, _, err := memory.Create(ctx, t.TempDir(), "", testOpts()...); return err }, memory.ErrEmptyPassphrase},
		{"open missing", func() error { _, err := memory.Open(ctx, t.TempDir(), memory.Passphrase(pass)); return err }, memory.ErrNoStore},
		{"production floor refuses cheap params", func() error { _, err := memory.Open(ctx, dir, memory.Passphrase(pass)); return err }, memory.ErrWeakKDF},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.run(); !errors.Is(err, tc.want) {
				t.Fatalf("error = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestChangePassphrase(t *testing.T) {
	ctx := context.Background()
	s, dir, rk := newStore(t)
	if err := s.ChangePassphrase(ctx, memory.Passphrase("wrong"), "new"); !errors.Is(err, memory.ErrWrongPassphrase) {
		t.Fatalf("ChangePassphrase with wrong current: %v", err)
	}
	must(t, s.ChangePassphrase(ctx, memory.Passphrase(pass), "new one"))
	rk2, err := s.NewRecoveryKey(ctx, memory.Passphrase("new one"))
	must(t, err)
	must(t, s.Close())
	for _, tc := range []struct {
		name string
		u    memory.Unlocker
		want error
	}{
		{"old passphrase", memory.Passphrase(pass), memory.ErrWrongPassphrase},
		{"new passphrase", memory.Passphrase("new one"), nil},
		{"old recovery key", memory.RecoveryKey(rk), memory.ErrWrongPassphrase},
		{"new recovery key", memory.RecoveryKey(rk2), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := memory.Open(ctx, dir, tc.u, testOpts()...)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Open error = %v, want %v", err, tc.want)
			}
			if s != nil {
				s.Close()
			}
		})
	}
}

// fakeKeyring is an in-memory OS keyring, or a broken one.
type fakeKeyring struct {
	m      map[string]string
	broken bool
}

func (f *fakeKeyring) Get(_ context.Context, user string) (string, error) {
	if f.broken {
		return "", keys.ErrNoKeyring
	}
	v, ok := f.m[user]
	if !ok {
		return "", errors.New("not found")
	}
	return v, nil
}

func (f *fakeKeyring) Set(_ context.Context, user, secret string) error {
	if f.broken {
		return keys.ErrNoKeyring
	}
	f.m[user] = secret
	return nil
}

func (f *fakeKeyring) Delete(_ context.Context, user string) error { delete(f.m, user); return nil }

func TestKeyring(t *testing.T) {
	ctx := context.Background()
	s, dir, _ := newStore(t)
	kr := &fakeKeyring{m: map[string]string{}}
	if err := s.EnableKeyring(ctx, memory.Passphrase(pass), &fakeKeyring{broken: true}); !errors.Is(err, memory.ErrNoKeyring) {
		t.Fatalf("EnableKeyring on a broken keyring: %v", err)
	}
	must(t, s.EnableKeyring(ctx, memory.Passphrase(pass), kr))
	must(t, s.Close())
	for _, tc := range []struct {
		name       string
		kr         *fakeKeyring
		fallback   memory.Unlocker
		wantErr    error
		wantNotice bool
	}{
		{"keyring unlocks", kr, nil, nil, false},
		{"broken keyring falls back", &fakeKeyring{broken: true}, memory.Passphrase(pass), nil, true},
		{"empty keyring falls back", &fakeKeyring{m: map[string]string{}}, memory.Passphrase(pass), nil, true},
		{"fallback wrong", &fakeKeyring{broken: true}, memory.Passphrase("x"), memory.ErrWrongPassphrase, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var notice string
			u := memory.Keyring(tc.kr, tc.fallback, func(m string) { notice = m })
			s, err := memory.Open(ctx, dir, u, testOpts()...)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("Open error = %v, want %v", err, tc.wantErr)
			}
			if (notice != "") != tc.wantNotice {
				t.Fatalf("notice = %q", notice)
			}
			if s != nil {
				s.Close()
			}
		})
	}
}

// TestKeyringSystemFallback uses the real OS keyring: on this headless
// machine there is none, and unlocking must fall back to the passphrase
// with a clear notice, quickly.
func TestKeyringSystemFallback(t *testing.T) {
	ctx := context.Background()
	s, dir, _ := newStore(t)
	sys := keys.SystemKeyring{Service: "hearth-test", Timeout: 2e9}
	if err := s.EnableKeyring(ctx, memory.Passphrase(pass), sys); err != nil && !errors.Is(err, memory.ErrNoKeyring) {
		t.Fatalf("EnableKeyring: %v", err)
	}
	must(t, s.Close())
	var notice string
	s, err := memory.Open(ctx, dir, memory.Keyring(sys, memory.Passphrase(pass), func(m string) { notice = m }), testOpts()...)
	must(t, err)
	defer s.Close()
	t.Logf("notice: %q", notice)
	_ = s.DisableKeyring(ctx, sys)
}
