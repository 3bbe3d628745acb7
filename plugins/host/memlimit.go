package host

import (
	"sync/atomic"

	"github.com/tetratelabs/wazero/experimental"
)

// limitedAllocator backs one instance's linear memory and refuses to grow
// it past limit bytes. Doing the refusal here, rather than through the
// runtime's page limit, lets the host tell a plugin that ran out of memory
// (it asked for more than its limit) from one that crashed for another
// reason: hit is set on the first refused request.
type limitedAllocator struct {
	limit uint64
	hit   atomic.Bool
}

// Allocate implements experimental.MemoryAllocator.
func (a *limitedAllocator) Allocate(capacity, _ uint64) experimental.LinearMemory {
	if capacity > a.limit {
		capacity = a.limit
	}
	return &limitedMemory{alloc: a, buf: make([]byte, 0, capacity)}
}

// limitedMemory is a linear memory that grows by copying, like wazero's
// own, up to its allocator's limit.
type limitedMemory struct {
	alloc *limitedAllocator
	buf   []byte
}

// Reallocate implements experimental.LinearMemory; it returns nil (the
// guest's memory.grow answers -1) past the limit.
func (m *limitedMemory) Reallocate(size uint64) []byte {
	if size > m.alloc.limit {
		m.alloc.hit.Store(true)
		return nil
	}
	if size <= uint64(cap(m.buf)) {
		m.buf = m.buf[:size]
		return m.buf
	}
	grown := make([]byte, size, min(max(size, 2*uint64(cap(m.buf))), m.alloc.limit))
	copy(grown, m.buf)
	m.buf = grown
	return m.buf
}

// Free implements experimental.LinearMemory.
func (m *limitedMemory) Free() { m.buf = nil }
