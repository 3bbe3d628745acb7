package kernel

import (
	"errors"
	"fmt"

	"github.com/hearth-app/hearth/engine/quant"
)

// ErrUnsupportedType is returned for a matrix whose element type has no
// product kernel.
var ErrUnsupportedType = errors.New("tensor type not supported by the kernels")

// Matrix is a weight matrix of Rows rows by Cols columns stored row after row
// in one of the GGUF tensor types, as in a GGUF file: a tensor of shape
// [Cols, Rows] (ne order). Data is usually a slice of the memory-mapped file.
type Matrix struct {
	Type     quant.Type
	Rows     int
	Cols     int
	Data     []byte
	rowBytes int
}

// NewMatrix checks that data holds rows rows of cols elements of type t and
// that the kernels can multiply with it.
func NewMatrix(t quant.Type, rows, cols int, data []byte) (Matrix, error) {
	if _, ok := traitsOf(t); !ok {
		return Matrix{}, fmt.Errorf("new matrix: %s: %w", t, ErrUnsupportedType)
	}
	if rows <= 0 || cols <= 0 {
		return Matrix{}, fmt.Errorf("new matrix: bad shape %d x %d", rows, cols)
	}
	rb, err := quant.RowBytes(t, cols)
	if err != nil {
		return Matrix{}, fmt.Errorf("new matrix: %w", err)
	}
	if len(data) != rb*rows {
		return Matrix{}, fmt.Errorf("new matrix: %d x %d %s needs %d bytes, have %d", rows, cols, t, rb*rows, len(data))
	}
	return Matrix{Type: t, Rows: rows, Cols: cols, Data: data, rowBytes: rb}, nil
}

// Row returns the bytes of row i.
func (m Matrix) Row(i int) []byte {
	return m.Data[i*m.rowBytes : (i+1)*m.rowBytes]
}

// RowBytes returns the size of one row in bytes.
func (m Matrix) RowBytes() int { return m.rowBytes }

// DequantizeRow writes row i as float32 values into dst[:m.Cols], as ggml's
// get_rows does for an embedding lookup.
func (m Matrix) DequantizeRow(i int, dst []float32) error {
	if err := quant.Dequantize(m.Type, m.Row(i), dst[:m.Cols]); err != nil {
		return fmt.Errorf("dequantize row %d: %w", i, err)
	}
	return nil
}
