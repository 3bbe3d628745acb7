//go:build unix

package download

import "golang.org/x/sys/unix"

// FreeSpace returns the bytes available to unprivileged users on the file
// system holding dir (statfs).
func FreeSpace(dir string) (uint64, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return uint64(st.Bavail) * uint64(st.Bsize), nil
}
