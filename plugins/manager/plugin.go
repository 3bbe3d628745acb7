package manager

import (
	"time"

	"github.com/hearth-app/hearth/plugins/manifest"
)

// UnsignedLabel marks a plugin installed unsigned, wherever it is listed.
const UnsignedLabel = "unsigned (developer mode)"

// Plugin is an installed plugin as the user sees it.
type Plugin struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Version     string `json:"version"`
	Author      string `json:"author"`
	Description string `json:"description"`
	License     string `json:"license"`
	Enabled     bool   `json:"enabled"`
	// Signed is false for a plugin installed under developer mode; Label
	// then says UnsignedLabel.
	Signed bool   `json:"signed"`
	KeyID  string `json:"key_id"`
	// Capabilities are the capabilities the user granted.
	Capabilities []manifest.Capability `json:"capabilities"`
	Tools        []ToolInfo            `json:"tools"`
	// Revoked is the registry's reason for revoking this version; a
	// revoked plugin is disabled and cannot be enabled.
	Revoked string `json:"revoked"`
	// Yanked is the registry's reason for no longer offering this version;
	// it stays installed and runs.
	Yanked string `json:"yanked,omitempty"`
	// Origin is where it came from: a file name, a URL or "registry".
	Origin    string    `json:"origin"`
	Installed time.Time `json:"installed"`
	Updated   time.Time `json:"updated"`
	SHA256    string    `json:"sha256"`
	Size      int       `json:"size"`
	// Label sums up the state for a list: "enabled", "disabled",
	// "revoked: REASON", with UnsignedLabel added when unsigned.
	Label string `json:"label"`
}
