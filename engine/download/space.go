package download

import (
	"fmt"
	"path/filepath"
)

// SpaceFunc returns the bytes free for this user on the file system holding
// dir.
type SpaceFunc func(dir string) (uint64, error)

// headroom is kept free beyond the file itself, so that a download never
// fills the disk to the last byte.
const headroom = 64 << 20

// checkSpace fails with ErrNoSpace when need bytes (plus headroom) do not fit
// in dir's file system.
func checkSpace(free SpaceFunc, dir string, need int64) error {
	if need <= 0 {
		return nil
	}
	avail, err := free(dir)
	if err != nil {
		return fmt.Errorf("download: free space of %s: %w", dir, err)
	}
	if uint64(need)+headroom > avail {
		return fmt.Errorf("download: %w in %s: %s needed, %s available", ErrNoSpace, filepath.Clean(dir), Bytes(need+headroom), Bytes(int64(avail)))
	}
	return nil
}

// Bytes formats a byte count for people: "1.2 GB", "380.0 MB", "512 B".
func Bytes(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "kMGTPE"[exp])
}
