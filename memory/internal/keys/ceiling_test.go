package keys_test

import (
	"encoding/binary"
	"errors"
	"testing"
	"time"

	"github.com/hearth-app/hearth/memory/internal/keys"
)

// TestParseSlotRefusesCostlyParams flips high bits of a stored slot's
// Argon2id parameters. Each must be refused while parsing, before any
// derivation: before the ceiling, a flipped bit in the memory field made
// Argon2id allocate terabytes and the process die. The test never derives
// with the damaged parameters, so it fails cleanly on code without the
// ceiling instead of taking the machine down.
func TestParseSlotRefusesCostlyParams(t *testing.T) {
	s := passSlot(t, "pw")
	// Layout: magic(4) kind(1) keyid(4) saltlen(1) salt(16) time(4) mem(4) threads(1) wrapped.
	const timeAt, memAt = 26, 30
	put := func(at int, v uint32) func([]byte) {
		return func(b []byte) { binary.BigEndian.PutUint32(b[at:], v) }
	}
	for _, tc := range []struct {
		name string
		edit func([]byte)
	}{
		{"memory high bit flipped (2 TiB)", func(b []byte) { b[memAt] ^= 0x80 }},
		{"memory bit 24 flipped (16 GiB)", func(b []byte) { b[memAt] ^= 0x01 }},
		{"memory just above 2 GiB", put(memAt, 2<<20+1)},
		{"time high bit flipped", func(b []byte) { b[timeAt] ^= 0x80 }},
		{"time 65 passes", put(timeAt, 65)},
		{"both at their ceilings: too much work together", func(b []byte) {
			binary.BigEndian.PutUint32(b[timeAt:], 64)
			binary.BigEndian.PutUint32(b[memAt:], 2<<20)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			got, err := reparse(t, s, tc.edit)
			if !errors.Is(err, keys.ErrAboveCeiling) {
				t.Fatalf("ParseSlot = %v, %v; want ErrAboveCeiling", got.Params, err)
			}
			if d := time.Since(start); d > time.Second {
				t.Fatalf("refusal took %v", d)
			}
		})
	}
	t.Run("ceiling itself parses", func(t *testing.T) {
		got, err := reparse(t, s, func(b []byte) {
			binary.BigEndian.PutUint32(b[timeAt:], 4)
			binary.BigEndian.PutUint32(b[memAt:], 2<<20)
		})
		if err != nil || got.Params.MemoryKiB != 2<<20 {
			t.Fatalf("ParseSlot = %v, %v", got.Params, err)
		}
	})
}

// TestOpenPassphraseChecksCeiling covers a slot built in memory rather
// than parsed: OpenPassphrase checks the ceiling itself. The parameters
// (65 passes over 64 KiB) are cheap to derive, so on code without the
// check the test fails with a wrong-secret error rather than hanging.
func TestOpenPassphraseChecksCeiling(t *testing.T) {
	s := passSlot(t, "pw")
	s.Params.Time = 65
	if _, err := s.OpenPassphrase("pw", cheapFloor); !errors.Is(err, keys.ErrAboveCeiling) {
		t.Fatalf("OpenPassphrase error = %v, want ErrAboveCeiling", err)
	}
	if _, err := keys.NewPassphraseSlot(dek, 1, "pw", keys.Params{Time: 65, MemoryKiB: 64, Threads: 1}); !errors.Is(err, keys.ErrAboveCeiling) {
		t.Fatalf("NewPassphraseSlot error = %v, want ErrAboveCeiling", err)
	}
	if !keys.DefaultParams().AtMost(keys.CeilingParams()) {
		t.Fatal("the default parameters are above the ceiling")
	}
}
