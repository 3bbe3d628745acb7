package gguf

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/hearth-app/hearth/engine/quant"
)

// readTensorInfos reads the tensor table. Offsets stay relative to the data
// section until placeTensors makes them absolute.
func (f *File) readTensorInfos(d *decoder, n int64) error {
	f.tensors = make([]TensorInfo, 0, n)
	for i := range n {
		t, err := readTensorInfo(d)
		if err == nil {
			if _, dup := f.byName[t.Name]; dup {
				err = fmt.Errorf("the name appears twice")
			}
		}
		if err != nil {
			return inSection(fmt.Sprintf("tensor %d%s", i, quoteName(" ", t.Name)), err)
		}
		f.byName[t.Name] = len(f.tensors)
		f.tensors = append(f.tensors, t)
	}
	return nil
}

// readTensorInfo reads one entry of the tensor table and computes its size.
func readTensorInfo(d *decoder) (TensorInfo, error) {
	var t TensorInfo
	var err error
	if t.Name, err = d.str(); err != nil {
		return t, err
	}
	nDims, err := d.u32()
	if err != nil {
		return t, err
	}
	if nDims > maxDims {
		return t, fmt.Errorf("%d dimensions is more than the %d GGML allows", nDims, maxDims)
	}
	t.Shape = make([]uint64, nDims)
	for i := range t.Shape {
		if t.Shape[i], err = d.u64(); err != nil {
			return t, err
		}
	}
	typ, err := d.u32()
	if err != nil {
		return t, err
	}
	t.Type = quant.Type(typ)
	if t.Offset, err = d.u64(); err != nil {
		return t, err
	}
	t.Size, err = tensorSize(t.Type, t.Shape)
	return t, err
}

// placeTensors aligns the start of the data section after the tensor table
// ending at headerEnd, makes tensor offsets absolute and checks that every
// tensor is aligned, inside the file and clear of the others. Like llama.cpp,
// it does not pad a file without tensors: its data section starts at
// headerEnd.
func (f *File) placeTensors(headerEnd, size uint64) error {
	f.dataOffset = headerEnd
	if len(f.tensors) == 0 {
		return nil
	}
	f.dataOffset = alignUp(headerEnd, f.alignment)
	if f.dataOffset > size {
		return corruptf("the tensor data would start at offset %d, past the end of the %d-byte file", f.dataOffset, size)
	}
	for i := range f.tensors {
		t := &f.tensors[i]
		if err := f.placeTensor(t, size); err != nil {
			return corruptf("tensor %d%s: %v", i, quoteName(" ", t.Name), err)
		}
	}
	return f.checkOverlaps()
}

func (f *File) placeTensor(t *TensorInfo, size uint64) error {
	rel := t.Offset
	if rel%f.alignment != 0 {
		return fmt.Errorf("data offset %d is not a multiple of the alignment %d", rel, f.alignment)
	}
	if rel > size || t.Size > size-rel || f.dataOffset > size-rel-t.Size {
		return fmt.Errorf("%d bytes of data at offset %d run past the end of the %d-byte file", t.Size, rel, size)
	}
	t.Offset = f.dataOffset + rel
	return nil
}

// checkOverlaps reports two tensors whose data share bytes.
func (f *File) checkOverlaps() error {
	order := make([]*TensorInfo, len(f.tensors))
	for i := range f.tensors {
		order[i] = &f.tensors[i]
	}
	slices.SortFunc(order, func(a, b *TensorInfo) int { return cmp.Compare(a.Offset, b.Offset) })
	for i := 1; i < len(order); i++ {
		prev, cur := order[i-1], order[i]
		if prev.Offset+prev.Size > cur.Offset {
			return corruptf("the data of tensors %q and %q overlap", prev.Name, cur.Name)
		}
	}
	return nil
}

// alignUp rounds n up to a multiple of a, a power of two.
func alignUp(n, a uint64) uint64 {
	return (n + a - 1) &^ (a - 1)
}
