package tokenizer

import "math/bits"

// pairTable maps a pair of piece ids to a merge rank: an open-addressing
// hash table with linear probing over flat arrays, which builds and probes
// several times faster than a Go map for the 100k+ merges of large
// vocabularies.
type pairTable struct {
	keys  []uint64
	ranks []int32 // -1 marks an empty slot
	shift uint
}

// newPairTable returns a table with room for n pairs at most half full.
func newPairTable(n int) *pairTable {
	size := 1 << max(4, bits.Len(uint(2*n)))
	p := &pairTable{keys: make([]uint64, size), ranks: make([]int32, size), shift: uint(64 - bits.Len(uint(size-1)))}
	for i := range p.ranks {
		p.ranks[i] = -1
	}
	return p
}

func (p *pairTable) slot(k uint64) int {
	return int((k * 0x9E3779B97F4A7C15) >> p.shift)
}

// add records rank for pair k unless k is already present (the first of
// duplicate merges wins).
func (p *pairTable) add(k uint64, rank int32) {
	mask := len(p.keys) - 1
	for i := p.slot(k); ; i = (i + 1) & mask {
		if p.ranks[i] < 0 {
			p.keys[i], p.ranks[i] = k, rank
			return
		}
		if p.keys[i] == k {
			return
		}
	}
}

// get returns the rank of pair k.
func (p *pairTable) get(k uint64) (int32, bool) {
	mask := len(p.keys) - 1
	for i := p.slot(k); ; i = (i + 1) & mask {
		switch {
		case p.ranks[i] < 0:
			return 0, false
		case p.keys[i] == k:
			return p.ranks[i], true
		}
	}
}
