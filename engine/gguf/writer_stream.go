package gguf

import (
	"bufio"
	"fmt"
	"io"
)

// WriteTo writes the file to out and returns the number of bytes written.
func (w *Writer) WriteTo(out io.Writer) (int64, error) {
	if w.err != nil {
		return 0, w.err
	}
	cw := &countingWriter{w: out}
	bw := bufio.NewWriterSize(cw, 1<<20)
	align := w.alignment()
	w.writeHeader(&encoder{w: bw}, align)
	for i, t := range w.tensors {
		if i == 0 { // a file without tensors has no data section to align
			if err := pad(bw, cw.n+int64(bw.Buffered()), align); err != nil {
				return cw.n, fmt.Errorf("gguf: write: %w", err)
			}
		}
		if err := writeTensorData(bw, t); err != nil {
			return cw.n, fmt.Errorf("gguf: write tensor %q: %w", t.info.Name, err)
		}
		if err := pad(bw, cw.n+int64(bw.Buffered()), align); err != nil {
			return cw.n, fmt.Errorf("gguf: write: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return cw.n, fmt.Errorf("gguf: write: %w", err)
	}
	return cw.n, nil
}

func (w *Writer) alignment() uint64 {
	if a, ok := w.values[alignmentKey].x.(uint32); ok {
		return uint64(a)
	}
	return defaultAlignment
}

// writeHeader writes the magic, counts, metadata and tensor table.
func (w *Writer) writeHeader(e *encoder, align uint64) {
	e.w.WriteString(magic)
	e.u32(3)
	e.u64(uint64(len(w.tensors)))
	e.u64(uint64(len(w.keys)))
	for _, k := range w.keys {
		v := w.values[k]
		e.str(k)
		e.u32(uint32(v.typ))
		e.value(v)
	}
	offset := uint64(0)
	for _, t := range w.tensors {
		e.str(t.info.Name)
		e.u32(uint32(len(t.info.Shape)))
		for _, d := range t.info.Shape {
			e.u64(d)
		}
		e.u32(uint32(t.info.Type))
		e.u64(offset)
		offset = alignUp(offset+t.info.Size, align)
	}
}

// writeTensorData writes one tensor's bytes, checking a write function
// produces exactly its size.
func writeTensorData(bw *bufio.Writer, t pendingTensor) error {
	if t.write == nil {
		_, err := bw.Write(t.data)
		return err
	}
	cw := &countingWriter{w: bw}
	if err := t.write(cw); err != nil {
		return err
	}
	if uint64(cw.n) != t.info.Size {
		return fmt.Errorf("the write function wrote %d bytes for a tensor of %d bytes", cw.n, t.info.Size)
	}
	return nil
}

// pad writes zero bytes from position pos up to the next multiple of align.
func pad(bw *bufio.Writer, pos int64, align uint64) error {
	var zeros [256]byte
	n := alignUp(uint64(pos), align) - uint64(pos)
	for n > 0 {
		k := min(n, uint64(len(zeros)))
		if _, err := bw.Write(zeros[:k]); err != nil {
			return err
		}
		n -= k
	}
	return nil
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
