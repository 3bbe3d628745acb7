package manifest

// Limits is what a plugin asks to run under. Zero means the default.
type Limits struct {
	MemoryMB  int `json:"memory_mb,omitempty"`
	TimeoutMS int `json:"timeout_ms,omitempty"`
	OutputKB  int `json:"output_kb,omitempty"`
}

// The defaults a plugin gets when it asks for nothing, and the ceilings it
// cannot ask past.
const (
	DefaultMemoryMB  = 64
	DefaultTimeoutMS = 10000
	DefaultOutputKB  = 256
	MaxMemoryMB      = 512
	MaxTimeoutMS     = 60000
	MaxOutputKB      = 4096
)

// Effective returns the limits a plugin runs under: the defaults for what
// l leaves at zero, and never more than the ceilings.
func (l Limits) Effective() Limits {
	return Limits{
		MemoryMB:  effective(l.MemoryMB, DefaultMemoryMB, MaxMemoryMB),
		TimeoutMS: effective(l.TimeoutMS, DefaultTimeoutMS, MaxTimeoutMS),
		OutputKB:  effective(l.OutputKB, DefaultOutputKB, MaxOutputKB),
	}
}

// effective applies one default and ceiling.
func effective(v, def, max int) int {
	switch {
	case v <= 0:
		return def
	case v > max:
		return max
	}
	return v
}

// check refuses limits that are negative or past the ceilings.
func (l Limits) check() error {
	limits := []struct {
		field  string
		v, max int
	}{
		{"memory_mb", l.MemoryMB, MaxMemoryMB},
		{"timeout_ms", l.TimeoutMS, MaxTimeoutMS},
		{"output_kb", l.OutputKB, MaxOutputKB},
	}
	for _, f := range limits {
		if f.v < 0 || f.v > f.max {
			return invalid("the limit %s is %d, outside 0 to %d", f.field, f.v, f.max)
		}
	}
	return nil
}
