package bundle

// Limits bounds what Read unpacks.
type Limits struct {
	MaxZip   int64 // bytes of the zip itself
	MaxFile  int64 // bytes of one file, unpacked
	MaxTotal int64 // bytes of all files, unpacked
	MaxRatio int   // unpacked bytes per packed byte, per file and for the whole zip
	MaxFiles int   // entries in the zip, directories included
}

// DefaultLimits returns the limits Hearth installs plugins under: a 64 MiB
// zip, 64 MiB per file, 128 MiB in all, a ratio of 100 and 256 entries.
func DefaultLimits() Limits {
	return Limits{MaxZip: 64 << 20, MaxFile: 64 << 20, MaxTotal: 128 << 20, MaxRatio: 100, MaxFiles: 256}
}

// ratioFloor is the packed size below which the ratio is measured as if
// the entry were this large, so a small, very regular file (a few hundred
// zeros) does not read as a bomb.
const ratioFloor = 1 << 10

// maxSignature bounds plugin.json.minisig: a minisign signature with a
// trusted comment is a few hundred bytes.
const maxSignature = 4 << 10
