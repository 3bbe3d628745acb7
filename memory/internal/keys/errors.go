package keys

import "errors"

// ErrWrongSecret reports that a passphrase, recovery key or keyring secret
// did not unwrap the slot (or that the slot was altered: the two cannot
// be told apart).
var ErrWrongSecret = errors.New("keys: wrong secret or altered key slot")

// ErrBelowFloor reports KDF parameters weaker than the accepted floor: a
// downgraded or foreign slot.
var ErrBelowFloor = errors.New("keys: KDF parameters below the floor")

// ErrAboveCeiling reports KDF parameters costlier than any Hearth writes:
// a damaged or hostile slot, refused before Argon2id allocates anything.
var ErrAboveCeiling = errors.New("keys: KDF parameters above the ceiling (damaged or hostile key slot)")

// ErrMalformed reports a slot that does not parse.
var ErrMalformed = errors.New("keys: malformed key slot")

// ErrEmptyPassphrase reports an empty passphrase, which is never accepted.
var ErrEmptyPassphrase = errors.New("keys: empty passphrase")

// ErrNoKeyring reports that no OS keyring is usable on this machine.
var ErrNoKeyring = errors.New("keys: no OS keyring available")

// ErrBadRecoveryKey reports a recovery key that is not well formed (a typo
// in its characters or its checksum).
var ErrBadRecoveryKey = errors.New("keys: malformed recovery key")
