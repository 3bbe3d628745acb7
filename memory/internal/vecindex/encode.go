package vecindex

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// The encoding, little-endian:
//
//	magic   "HVX1"          4 bytes
//	dim     uint32
//	count   uint32
//	count × { id int64, scale float32, codes [dim]int8 }
//
// Nothing else: the length is exactly 12 + count·(12+dim) bytes.
const (
	magic      = "HVX1"
	headerSize = 12
	slotHead   = 12 // id and scale
)

// ErrCorrupt reports bytes that are not an index this package wrote.
var ErrCorrupt = errors.New("vecindex: not a valid vector index encoding")

// MarshalBinary encodes the index in slot order.
func (x *Index) MarshalBinary() ([]byte, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	n := len(x.ids)
	b := make([]byte, headerSize, headerSize+n*(slotHead+x.dim))
	copy(b, magic)
	binary.LittleEndian.PutUint32(b[4:], uint32(x.dim))
	binary.LittleEndian.PutUint32(b[8:], uint32(n))
	for s := range n {
		b = binary.LittleEndian.AppendUint64(b, uint64(x.ids[s]))
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(x.scales[s]))
		for _, c := range x.codes[s*x.dim : (s+1)*x.dim] {
			b = append(b, byte(c))
		}
	}
	return b, nil
}

// Unmarshal decodes an index written by MarshalBinary. It allocates no
// more than the input's size, and rejects a bad header, a length that
// does not match the header, a duplicate id, or a scale that is not a
// number in (0, 1], with ErrCorrupt.
func Unmarshal(b []byte) (*Index, error) {
	if len(b) < headerSize || string(b[:4]) != magic {
		return nil, fmt.Errorf("%w: bad header", ErrCorrupt)
	}
	dim := int(binary.LittleEndian.Uint32(b[4:]))
	n := uint64(binary.LittleEndian.Uint32(b[8:]))
	if dim < 1 || dim > MaxDim || n > math.MaxInt32 {
		return nil, fmt.Errorf("%w: dimension %d, %d vectors", ErrCorrupt, dim, n)
	}
	if uint64(len(b)-headerSize) != n*uint64(slotHead+dim) {
		return nil, fmt.Errorf("%w: %d bytes for %d vectors of %d", ErrCorrupt, len(b), n, dim)
	}
	x := &Index{dim: dim, ids: make([]int64, n), scales: make([]float32, n),
		codes: make([]int8, int(n)*dim), slot: make(map[int64]int32, n)}
	p := b[headerSize:]
	for s := range int(n) {
		id := int64(binary.LittleEndian.Uint64(p))
		scale := math.Float32frombits(binary.LittleEndian.Uint32(p[8:]))
		if _, dup := x.slot[id]; dup {
			return nil, fmt.Errorf("%w: chunk %d twice", ErrCorrupt, id)
		}
		if !(scale > 0 && scale <= 1) { // quantize's scales are ≤ 1/127
			return nil, fmt.Errorf("%w: chunk %d has scale %v", ErrCorrupt, id, scale)
		}
		x.ids[s], x.scales[s], x.slot[id] = id, scale, int32(s)
		for i, c := range p[slotHead : slotHead+dim] {
			x.codes[s*dim+i] = int8(c)
		}
		p = p[slotHead+dim:]
	}
	return x, nil
}
