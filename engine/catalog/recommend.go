package catalog

import (
	"cmp"
	"slices"
)

// Memory a machine keeps for itself and the user's other programs: a
// quarter of it, and at least this much.
const reservedRAM = 2 << 30

// bytesPerCore is how many bytes of weights one core decodes at a pleasant
// speed. Decoding reads every weight once per token and is bound by memory
// bandwidth; a laptop core sustains roughly 5-10 GB/s, so about 600 MB of
// weights per core keeps a model near ten tokens per second or more.
const bytesPerCore = 600 << 20

// Fits reports whether m runs in a machine with ramBytes of memory, leaving
// the system and the user's other programs a quarter of it (at least 2 GiB).
func (m Model) Fits(ramBytes uint64) bool {
	return m.RAM <= int64(ramBytes)-max(reservedRAM, int64(ramBytes/4))
}

// perToken is how many bytes of weights decoding one token reads: all of
// a dense model, the routed share of a mixture of experts.
func (m Model) perToken() int64 {
	if m.ActiveSize > 0 {
		return m.ActiveSize
	}
	return m.Size
}

// Recommend returns the chat models that fit a machine with ramBytes of
// memory and cores CPU cores, best first. Models that fit in memory but
// would be slow on so few cores (by the bytes one token reads, so a
// mixture of experts counts its routed share) come after those that would
// not, lighter first; among the comfortable ones the biggest (the most
// capable) comes first.
func (c *Catalog) Recommend(ramBytes uint64, cores int) []Model {
	comfort := int64(max(cores, 1)) * bytesPerCore
	var fits []Model
	for _, m := range c.OfKind(Chat) {
		if m.Fits(ramBytes) {
			fits = append(fits, m)
		}
	}
	slices.SortStableFunc(fits, func(a, b Model) int {
		ca, cb := a.perToken() <= comfort, b.perToken() <= comfort
		switch {
		case ca && !cb:
			return -1
		case cb && !ca:
			return 1
		case ca:
			return cmp.Compare(b.Size, a.Size)
		default:
			return cmp.Compare(a.perToken(), b.perToken())
		}
	})
	return fits
}
