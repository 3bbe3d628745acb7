package gguf

import (
	"fmt"
	"math"
	"math/bits"

	"github.com/hearth-app/hearth/engine/quant"
)

// maxDims is the most dimensions a GGML tensor has.
const maxDims = 4

// TensorInfo describes one tensor of a file.
type TensorInfo struct {
	// Name is the tensor's name, unique in its file ("blk.0.attn_q.weight").
	Name string
	// Type is the element type.
	Type quant.Type
	// Shape lists the dimensions in GGML order: Shape[0] is the innermost
	// (contiguous) dimension, the length of a row.
	Shape []uint64
	// Offset is the absolute offset of the tensor's data in the file.
	Offset uint64
	// Size is the byte size of the tensor's data.
	Size uint64
}

// Elements returns the number of elements of t, the product of its shape.
func (t TensorInfo) Elements() uint64 {
	n := uint64(1)
	for _, d := range t.Shape {
		n *= d
	}
	return n
}

// tensorSize returns the byte size of a tensor of type typ and the given
// shape, checking that the type is known, that rows are whole blocks, and
// that neither the element count nor the size overflows.
func tensorSize(typ quant.Type, shape []uint64) (uint64, error) {
	if _, ok := quant.LayoutOf(typ); !ok {
		if name, ok := ggmlOnlyTypes[typ]; ok {
			return 0, fmt.Errorf("%w %s (type %d)", ErrUnsupportedType, name, uint32(typ))
		}
		return 0, fmt.Errorf("unknown tensor type %d", uint32(typ))
	}
	if len(shape) > maxDims {
		return 0, fmt.Errorf("%d dimensions is more than the %d GGML allows", len(shape), maxDims)
	}
	elems, rows := uint64(1), uint64(1)
	for i, d := range shape {
		hi, lo := bits.Mul64(elems, d)
		if hi != 0 || lo > math.MaxInt64 {
			return 0, fmt.Errorf("shape %v has more than 2^63 elements", shape)
		}
		elems = lo
		if i > 0 {
			rows *= d
		}
	}
	row := uint64(1)
	if len(shape) > 0 {
		row = shape[0]
	}
	if row > math.MaxInt {
		return 0, fmt.Errorf("rows of %d elements are too long for this platform", row)
	}
	rowBytes, err := quant.RowBytes(typ, int(row))
	if err != nil {
		return 0, fmt.Errorf("shape %v: %w", shape, err)
	}
	hi, size := bits.Mul64(uint64(rowBytes), rows)
	if hi != 0 {
		return 0, fmt.Errorf("shape %v of %s overflows 64 bits of bytes", shape, typ)
	}
	return size, nil
}
