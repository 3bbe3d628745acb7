//go:build !amd64

package kernel

// This architecture has no multi-vector kernels yet: batches go one vector
// at a time. The names are those typeTraits lists.
var tilesF16, tilesQ8_0, tilesQ4_0, tilesQ4_1, tilesQ5_0, tilesQ5_1, tilesQ4_K, tilesQ5_K, tilesQ6_K []tile
