package keys

import (
	"encoding/binary"
	"fmt"
)

// Params are Argon2id cost parameters.
type Params struct {
	Time      uint32 // passes over memory
	MemoryKiB uint32 // memory in KiB
	Threads   uint8  // lanes
}

// DefaultParams returns the parameters used for new passphrase slots:
// 64 MiB, 4 passes, 2 lanes (0.45 s measured on a busy two-core Zen 4).
func DefaultParams() Params { return Params{Time: 4, MemoryKiB: 64 * 1024, Threads: 2} }

// FloorParams returns the weakest parameters a stored slot may carry
// (OWASP's minimum for Argon2id: 19 MiB, 2 passes).
func FloorParams() Params { return Params{Time: 2, MemoryKiB: 19 * 1024, Threads: 1} }

// CeilingParams returns the costliest parameters a stored slot may carry:
// 2 GiB of memory (RFC 9106's largest recommended setting) and 64 passes.
// A slot beyond them is damaged or hostile: a flipped high bit in the
// memory field would otherwise make Argon2id ask for terabytes, and one in
// the time field would make it run for days. Threads need no ceiling:
// they are one byte, and lanes cost goroutines, not memory.
func CeilingParams() Params { return Params{Time: 64, MemoryKiB: 2 << 20, Threads: 255} }

// maxWorkKiB bounds passes × memory (in KiB): 8 GiB-passes, 32 times the
// defaults, a few seconds on a laptop. It keeps a slot at the ceiling of
// both (64 passes over 2 GiB) from stalling an unlock for minutes.
const maxWorkKiB = 8 << 20

// AtMost reports whether p costs no more than ceiling in time and memory,
// and no more than maxWorkKiB in passes × memory together.
func (p Params) AtMost(ceiling Params) bool {
	return p.Time <= ceiling.Time && p.MemoryKiB <= ceiling.MemoryKiB &&
		uint64(p.Time)*uint64(p.MemoryKiB) <= maxWorkKiB
}

// check refuses parameters Argon2id cannot run (ErrMalformed) or that cost
// more than the ceiling (ErrAboveCeiling). It runs before any derivation.
func (p Params) check() error {
	if p.Time == 0 || p.Threads == 0 || p.MemoryKiB < 8*uint32(p.Threads) {
		return fmt.Errorf("KDF params %v: %w", p, ErrMalformed)
	}
	if !p.AtMost(CeilingParams()) {
		return fmt.Errorf("KDF params %v, ceiling %v: %w", p, CeilingParams(), ErrAboveCeiling)
	}
	return nil
}

// AtLeast reports whether p costs at least as much as floor in time and
// memory. Threads do not add cost for an attacker and are not compared.
func (p Params) AtLeast(floor Params) bool {
	return p.Time >= floor.Time && p.MemoryKiB >= floor.MemoryKiB
}

// String formats p for messages.
func (p Params) String() string {
	return fmt.Sprintf("argon2id(t=%d, m=%d KiB, p=%d)", p.Time, p.MemoryKiB, p.Threads)
}

const paramsSize = 9

func (p Params) marshal() []byte {
	b := binary.BigEndian.AppendUint32(nil, p.Time)
	b = binary.BigEndian.AppendUint32(b, p.MemoryKiB)
	return append(b, p.Threads)
}

func unmarshalParams(b []byte) (Params, error) {
	if len(b) != paramsSize {
		return Params{}, fmt.Errorf("parse KDF params: %w", ErrMalformed)
	}
	p := Params{
		Time:      binary.BigEndian.Uint32(b[0:4]),
		MemoryKiB: binary.BigEndian.Uint32(b[4:8]),
		Threads:   b[8],
	}
	if err := p.check(); err != nil {
		return Params{}, fmt.Errorf("parse %w", err)
	}
	return p, nil
}
