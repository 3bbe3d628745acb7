//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package gguf

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// mapFile maps size bytes of fd read-only; release unmaps them.
func mapFile(fd *os.File, size int) (mem []byte, release func() error, err error) {
	mem, err = unix.Mmap(int(fd.Fd()), 0, size, unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return nil, nil, fmt.Errorf("mmap: %w", err)
	}
	return mem, func() error { return unix.Munmap(mem) }, nil
}
