package host

import (
	"encoding/binary"
	"math/rand/v2"
)

// randomSeed seeds every instance's random source. The source is
// deterministic on purpose: a plugin gets no entropy it could use to tell
// instances apart or to fingerprint the machine, and a run can be replayed.
// A plugin that needs secrets asks the host for them.
var randomSeed = [32]byte{'h', 'e', 'a', 'r', 't', 'h', '-', 'p', 'l', 'u', 'g', 'i', 'n', '-', 'r', 'a', 'n', 'd', 'o', 'm'}

// deterministicRandom is the io.Reader behind WASI's random_get.
type deterministicRandom struct {
	gen *rand.ChaCha8
}

func newDeterministicRandom() *deterministicRandom {
	return &deterministicRandom{gen: rand.NewChaCha8(randomSeed)}
}

// Read fills p from the seeded stream; it never fails.
func (r *deterministicRandom) Read(p []byte) (int, error) {
	var word [8]byte
	for i := 0; i < len(p); i += 8 {
		binary.LittleEndian.PutUint64(word[:], r.gen.Uint64())
		copy(p[i:], word[:])
	}
	return len(p), nil
}
