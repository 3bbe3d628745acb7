package app

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/adrg/xdg"
)

// DataDir returns Hearth's data directory: $HEARTH_HOME when set, otherwise
// the operating system's per-user data directory (for example
// ~/.local/share/Hearth on Linux, ~/Library/Application Support/Hearth on
// macOS, %LOCALAPPDATA%\Hearth on Windows). It does not create it.
func DataDir() (string, error) {
	if d := os.Getenv("HEARTH_HOME"); d != "" {
		abs, err := filepath.Abs(d)
		if err != nil {
			return "", fmt.Errorf("data directory: HEARTH_HOME %q: %w", d, err)
		}
		return abs, nil
	}
	return filepath.Join(xdg.DataHome, "Hearth"), nil
}
