package keys_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hearth-app/hearth/memory/internal/keys"
)

// Tests use a cheap Argon2id cost and a matching floor; production code
// uses keys.DefaultParams and keys.FloorParams.
var (
	cheap      = keys.Params{Time: 1, MemoryKiB: 64, Threads: 1}
	cheapFloor = keys.Params{Time: 1, MemoryKiB: 64, Threads: 1}
	dek        = bytes.Repeat([]byte{7}, 32)
)

func passSlot(t *testing.T, pass string) keys.Slot {
	t.Helper()
	s, err := keys.NewPassphraseSlot(dek, 42, pass, cheap)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPassphraseSlot(t *testing.T) {
	const nfc = "caf\u00e9 cr\u00e8me \ufb01ne" // é, è precomposed; "ﬁ" ligature
	s := passSlot(t, nfc)
	for _, tc := range []struct {
		name string
		pass string
		want error
	}{
		{"same", nfc, nil},
		{"NFD spelling unlocks", "cafe\u0301 cre\u0300me \ufb01ne", nil},
		{"ligature spelled out is another passphrase", "caf\u00e9 cr\u00e8me fine", keys.ErrWrongSecret},
		{"wrong", "cafe creme fine", keys.ErrWrongSecret},
		{"empty", "", keys.ErrEmptyPassphrase},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.OpenPassphrase(tc.pass, cheapFloor)
			if !errors.Is(err, tc.want) {
				t.Fatalf("OpenPassphrase error = %v, want %v", err, tc.want)
			}
			if tc.want == nil && !bytes.Equal(got, dek) {
				t.Fatal("unwrapped key differs")
			}
			if tc.want != nil && got != nil {
				t.Fatal("key returned with an error")
			}
		})
	}
}

func TestEmptyPassphraseRefusedAtCreate(t *testing.T) {
	if _, err := keys.NewPassphraseSlot(dek, 1, "", cheap); !errors.Is(err, keys.ErrEmptyPassphrase) {
		t.Fatalf("error = %v, want ErrEmptyPassphrase", err)
	}
}

// reparse marshals s, applies edit to the bytes and parses them back.
func reparse(t *testing.T, s keys.Slot, edit func([]byte)) (keys.Slot, error) {
	t.Helper()
	b, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	edit(b)
	return keys.ParseSlot(b)
}

func TestSlotTamper(t *testing.T) {
	s := passSlot(t, "pw")
	// Layout: magic(4) kind(1) keyid(4) saltlen(1) salt(16) time(4) mem(4) threads(1) wrapped.
	for _, tc := range []struct {
		name  string
		edit  func([]byte)
		floor keys.Params
		want  error
	}{
		{"time raised", func(b []byte) { b[29] = 2 }, cheapFloor, keys.ErrWrongSecret},
		{"memory lowered above floor", func(b []byte) { b[33] = 63 }, keys.Params{Time: 1, MemoryKiB: 8}, keys.ErrWrongSecret},
		{"memory lowered below floor", func(b []byte) { b[33] = 8 }, cheapFloor, keys.ErrBelowFloor},
		{"production floor", func([]byte) {}, keys.FloorParams(), keys.ErrBelowFloor},
		{"salt flip", func(b []byte) { b[12] ^= 1 }, cheapFloor, keys.ErrWrongSecret},
		{"key id flip", func(b []byte) { b[8] ^= 1 }, cheapFloor, keys.ErrWrongSecret},
		{"nonce flip", func(b []byte) { b[36] ^= 1 }, cheapFloor, keys.ErrWrongSecret},
		{"tag flip", func(b []byte) { b[len(b)-1] ^= 1 }, cheapFloor, keys.ErrWrongSecret},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s2, err := reparse(t, s, tc.edit)
			if err != nil {
				t.Fatalf("ParseSlot: %v", err)
			}
			got, err := s2.OpenPassphrase("pw", tc.floor)
			if !errors.Is(err, tc.want) || got != nil {
				t.Fatalf("OpenPassphrase = %x, %v; want %v", got, err, tc.want)
			}
		})
	}
}

func TestParseSlotRejects(t *testing.T) {
	s := passSlot(t, "pw")
	good, _ := s.MarshalBinary()
	for _, tc := range []struct {
		name string
		b    []byte
	}{
		{"empty", nil},
		{"magic", append([]byte("XKS1"), good[4:]...)},
		{"kind", append(append([]byte{}, good[:4]...), append([]byte{9}, good[5:]...)...)},
		{"short", good[:20]},
		{"zero time", func() []byte { b := bytes.Clone(good); copy(b[26:30], []byte{0, 0, 0, 0}); return b }()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := keys.ParseSlot(tc.b); !errors.Is(err, keys.ErrMalformed) {
				t.Fatalf("ParseSlot error = %v, want ErrMalformed", err)
			}
		})
	}
}

func TestRecoveryKey(t *testing.T) {
	secret, printed := keys.NewRecoveryKey()
	slot, err := keys.NewSecretSlot(keys.KindRecovery, dek, 42, secret)
	if err != nil {
		t.Fatal(err)
	}
	typo := []byte(printed)
	if typo[0] == 'A' {
		typo[0] = 'B'
	} else {
		typo[0] = 'A'
	}
	for _, tc := range []struct {
		name  string
		typed string
		want  error
	}{
		{"as printed", printed, nil},
		{"lower case, spaces", strings.ToLower(strings.ReplaceAll(printed, "-", " ")), nil},
		{"typo", string(typo), keys.ErrBadRecoveryKey},
		{"short", printed[:20], keys.ErrBadRecoveryKey},
		{"bad character", printed[:len(printed)-1] + "U", keys.ErrBadRecoveryKey},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := keys.ParseRecoveryKey(tc.typed)
			if !errors.Is(err, tc.want) {
				t.Fatalf("ParseRecoveryKey error = %v, want %v", err, tc.want)
			}
			if err != nil {
				return
			}
			got, err := slot.OpenSecret(s)
			if err != nil || !bytes.Equal(got, dek) {
				t.Fatalf("OpenSecret = %x, %v", got, err)
			}
		})
	}
	other, _ := keys.NewRecoveryKey()
	if _, err := slot.OpenSecret(other); !errors.Is(err, keys.ErrWrongSecret) {
		t.Fatalf("other recovery key: error = %v, want ErrWrongSecret", err)
	}
}

// TestSystemKeyringFallsBackQuickly runs the real OS keyring. On a
// headless machine there is none: the call must fail with ErrNoKeyring
// within its timeout instead of blocking. Where a keyring exists the
// round trip must work.
func TestSystemKeyringFallsBackQuickly(t *testing.T) {
	kr := keys.SystemKeyring{Service: "hearth-test-" + t.Name(), Timeout: 2 * time.Second}
	start := time.Now()
	err := kr.Set(context.Background(), "probe", "x")
	if elapsed := time.Since(start); elapsed > 4*time.Second {
		t.Fatalf("keyring call blocked for %v", elapsed)
	}
	if err != nil {
		if !errors.Is(err, keys.ErrNoKeyring) {
			t.Fatalf("Set error = %v, want ErrNoKeyring", err)
		}
		t.Logf("no keyring here (expected when headless): %v", err)
		return
	}
	defer kr.Delete(context.Background(), "probe")
	if got, err := kr.Get(context.Background(), "probe"); err != nil || got != "x" {
		t.Fatalf("Get = %q, %v", got, err)
	}
}

func FuzzParseSlot(f *testing.F) {
	s, _ := keys.NewPassphraseSlot(dek, 1, "pw", cheap)
	b, _ := s.MarshalBinary()
	f.Add(b)
	r, _ := keys.NewSecretSlot(keys.KindRecovery, dek, 1, dek)
	b, _ = r.MarshalBinary()
	f.Add(b)
	f.Add([]byte("HKS1"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := keys.ParseSlot(b)
		if err != nil {
			return
		}
		if s.Kind == keys.KindPassphrase && !s.Params.AtMost(keys.CeilingParams()) {
			t.Fatalf("parsed a slot above the KDF ceiling: %v", s.Params)
		}
		if _, err := s.OpenSecret(dek); err == nil && s.Kind == keys.KindPassphrase {
			t.Fatal("passphrase slot opened as a secret slot")
		}
		out, _ := s.MarshalBinary()
		if !bytes.Equal(out, b) {
			t.Fatalf("re-marshal differs")
		}
	})
}

func BenchmarkUnlockDefaultParams(b *testing.B) {
	s, err := keys.NewPassphraseSlot(dek, 1, "correct horse", keys.DefaultParams())
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.OpenPassphrase("correct horse", keys.FloorParams()); err != nil {
			b.Fatal(err)
		}
	}
}
