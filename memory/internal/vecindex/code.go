package vecindex

import "fmt"

// Code is one vector as the index holds it: its int8 codes and the scale
// that maps them back to the L2-normalised vector (v/|v| ≈ Scale·Codes).
// A store keeps Codes and Scale at rest and puts them back with PutCode,
// so a reload needs neither the float vector nor the model.
type Code struct {
	Codes []int8
	Scale float32
}

// Quantize returns v's code: v L2-normalised and quantised to int8, as
// Put would store it.
func Quantize(v []float32) (Code, error) {
	c := Code{Codes: make([]int8, len(v))}
	s, err := quantize(c.Codes, v)
	if err != nil {
		return Code{}, fmt.Errorf("%w: non-finite or zero", err)
	}
	c.Scale = s
	return c, nil
}

// PutCode stores a code made by Quantize under id, replacing any vector
// id had.
func (x *Index) PutCode(id int64, c Code) error {
	if len(c.Codes) != x.dim {
		return fmt.Errorf("%w: %d codes, index has %d", ErrVector, len(c.Codes), x.dim)
	}
	if !(c.Scale > 0) || c.Scale > 1 {
		return fmt.Errorf("%w: chunk %d: scale %v", ErrVector, id, c.Scale)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	s, ok := x.slot[id]
	if !ok {
		s = int32(len(x.ids))
		x.slot[id] = s
		x.ids = append(x.ids, id)
		x.scales = append(x.scales, 0)
		x.codes = append(x.codes, c.Codes...)
	}
	x.scales[s] = c.Scale
	copy(x.codes[int(s)*x.dim:], c.Codes)
	return nil
}
