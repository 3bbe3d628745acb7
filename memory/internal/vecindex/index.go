package vecindex

import (
	"fmt"
	"sync"
)

// MaxDim is the largest dimension an index accepts; it keeps the int32
// dot product of two code vectors from overflowing.
const MaxDim = 1 << 16

// Index holds int8-quantised, L2-normalised vectors by chunk id. It is
// safe for concurrent use: searches run in parallel with each other,
// writers wait for them.
type Index struct {
	mu     sync.RWMutex
	dim    int
	ids    []int64         // ids[s] is the chunk in slot s
	scales []float32       // scales[s] is slot s's quantisation scale
	codes  []int8          // slot s's codes are codes[s*dim : (s+1)*dim]
	slot   map[int64]int32 // chunk id → slot
	kernel Kernel          // nil: DotBlock
}

// New returns an empty index for vectors of dim components.
func New(dim int) (*Index, error) {
	if dim < 1 || dim > MaxDim {
		return nil, fmt.Errorf("vecindex: dimension %d is not in 1..%d", dim, MaxDim)
	}
	return &Index{dim: dim, slot: map[int64]int32{}}, nil
}

// Dim returns the dimension of the index's vectors.
func (x *Index) Dim() int { return x.dim }

// Len returns the number of vectors held.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.ids)
}

// Bytes returns the memory the vectors take: codes, scales and ids (the
// id map adds roughly 40 bytes a vector on top).
func (x *Index) Bytes() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.codes) + 4*len(x.scales) + 8*len(x.ids)
}

// Put stores v under id, replacing any vector id had. v must have Dim
// finite components, not all zero; it is normalised before quantising,
// so scores are cosines.
func (x *Index) Put(id int64, v []float32) error {
	if len(v) != x.dim {
		return fmt.Errorf("%w: %d components, index has %d", ErrVector, len(v), x.dim)
	}
	c, err := Quantize(v)
	if err != nil {
		return fmt.Errorf("%w (chunk %d)", err, id)
	}
	return x.PutCode(id, c)
}

// Remove deletes id's vector and reports whether there was one. The last
// slot moves into the freed one, so removal is O(dim).
func (x *Index) Remove(id int64) bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	s, ok := x.slot[id]
	if !ok {
		return false
	}
	last := int32(len(x.ids) - 1)
	if s != last {
		moved := x.ids[last]
		x.ids[s], x.scales[s] = moved, x.scales[last]
		copy(x.codes[int(s)*x.dim:(int(s)+1)*x.dim], x.codes[int(last)*x.dim:])
		x.slot[moved] = s
	}
	delete(x.slot, id)
	x.ids, x.scales = x.ids[:last], x.scales[:last]
	x.codes = x.codes[:int(last)*x.dim]
	return true
}

// Has reports whether id has a vector.
func (x *Index) Has(id int64) bool {
	x.mu.RLock()
	defer x.mu.RUnlock()
	_, ok := x.slot[id]
	return ok
}

// UseKernel makes searches score with k, e.g. a SIMD kernel the caller
// owns; nil restores DotBlock. k must return exactly what DotBlock does.
func (x *Index) UseKernel(k Kernel) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.kernel = k
}
