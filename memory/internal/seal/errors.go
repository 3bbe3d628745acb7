package seal

import "errors"

// ErrUnauthenticated reports a record whose tag does not verify: the
// record was altered, moved to another place, or sealed under another key.
var ErrUnauthenticated = errors.New("seal: record failed authentication")

// ErrMalformed reports a record too short or otherwise not in the sealed
// record format.
var ErrMalformed = errors.New("seal: malformed record")

// ErrVersion reports a record written in a format version this code does
// not know.
var ErrVersion = errors.New("seal: unknown record version")

// ErrKeyID reports a record sealed under a key id other than the key's.
var ErrKeyID = errors.New("seal: record sealed under another key")
