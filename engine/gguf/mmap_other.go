//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package gguf

import (
	"fmt"
	"io"
	"os"
)

// mapFile reads size bytes of fd into memory, on platforms where this package
// does not memory-map files.
func mapFile(fd *os.File, size int) (mem []byte, release func() error, err error) {
	mem = make([]byte, size)
	if _, err := io.ReadFull(fd, mem); err != nil {
		return nil, nil, fmt.Errorf("read: %w", err)
	}
	return mem, func() error { return nil }, nil
}
