//go:build !amd64

package kernel

import "github.com/hearth-app/hearth/engine/quant"

// rowTile returns nil: this architecture has no multi-vector kernels, and
// batches go one vector at a time.
func rowTile(quant.Type, *Input) func(row []byte, t int, out []float32, stride int) {
	return nil
}
