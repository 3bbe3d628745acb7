package keys

import (
	"encoding/binary"
	"fmt"
)

// MarshalBinary encodes the slot for storage.
func (s Slot) MarshalBinary() ([]byte, error) {
	return append(s.header(), s.Wrapped...), nil
}

// ParseSlot decodes a stored slot. It checks the framing only: a slot
// that parses may still be altered, which unwrapping detects.
func ParseSlot(b []byte) (Slot, error) {
	fail := func(what string) (Slot, error) {
		return Slot{}, fmt.Errorf("parse key slot: %s: %w", what, ErrMalformed)
	}
	if len(b) < len(slotMagic)+6 || string(b[:len(slotMagic)]) != slotMagic {
		return fail("bad magic")
	}
	b = b[len(slotMagic):]
	s := Slot{Kind: Kind(b[0]), KeyID: binary.BigEndian.Uint32(b[1:5])}
	if s.Kind < KindPassphrase || s.Kind > KindKeyring {
		return fail("unknown kind")
	}
	n := int(b[5])
	b = b[6:]
	if n != saltSize || len(b) < n {
		return fail("bad salt")
	}
	s.Salt, b = append([]byte(nil), b[:n]...), b[n:]
	if s.Kind == KindPassphrase {
		if len(b) < paramsSize {
			return fail("short params")
		}
		p, err := unmarshalParams(b[:paramsSize])
		if err != nil {
			return Slot{}, err
		}
		s.Params, b = p, b[paramsSize:]
	}
	s.Wrapped = append([]byte(nil), b...)
	return s, nil
}
