package gguf

import (
	"fmt"
	"math"
	"os"
)

// Open maps the GGUF file at path into memory and parses it. Tensor data is
// read from the mapping on demand and never copied. Close the File to
// release the mapping.
func Open(path string) (*File, error) {
	f, err := open(path)
	if err != nil {
		return nil, fmt.Errorf("gguf: open %s: %w", path, err)
	}
	return f, nil
}

func open(path string) (*File, error) {
	fd, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fd.Close()
	st, err := fd.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() < int64(len(magic)) {
		return nil, ErrNotGGUF
	}
	if st.Size() > math.MaxInt {
		return nil, fmt.Errorf("the file is too large for this platform (%d bytes)", st.Size())
	}
	mem, release, err := mapFile(fd, int(st.Size()))
	if err != nil {
		return nil, err
	}
	f, err := parse(bytesReaderAt(mem), int64(len(mem)))
	if err != nil {
		release()
		return nil, err
	}
	f.mem, f.close = mem, release
	return f, nil
}
