package mcp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/hearth-app/hearth/plugins/tool"
)

// serversKey is the Store key of the list of servers.
const serversKey = "mcp/servers"

// Config is one MCP server the user added.
type Config struct {
	Name string `json:"name"`
	// Command is the program and its arguments (stdio); empty for a URL.
	Command []string `json:"command,omitempty"`
	// URL is the streamable HTTP endpoint; empty for a command.
	URL   string    `json:"url,omitempty"`
	Added time.Time `json:"added"`
	// Pins are the tools as the user accepted them.
	Pins []Pin `json:"pins"`
}

// Target is the full command line or URL, nothing truncated.
func (c Config) Target() string {
	if c.URL != "" {
		return c.URL
	}
	return quoteArgs(c.Command)
}

// quoteArgs joins args as a shell would need them.
func quoteArgs(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " \t\n'\"\\$`;&|<>*?()[]{}!#~") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		out[i] = a
	}
	return strings.Join(out, " ")
}

// validName is what a server may be called: it becomes part of tool names.
var validName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$`)

// Validate checks the name and that exactly one of Command and URL is set.
func (c Config) Validate() error {
	switch {
	case !validName.MatchString(c.Name):
		return fmt.Errorf("a server name is 1 to 32 letters, digits, '-' or '_', got %q", c.Name)
	case len(c.Command) == 0 && c.URL == "":
		return errors.New("give a command (after --) or a --url")
	case len(c.Command) > 0 && c.URL != "":
		return errors.New("give a command or a --url, not both")
	case c.URL != "" && !strings.HasPrefix(c.URL, "http://") && !strings.HasPrefix(c.URL, "https://"):
		return fmt.Errorf("the URL must start with http:// or https://, got %q", c.URL)
	}
	return nil
}

// loadConfigs reads the sealed list of servers.
func loadConfigs(ctx context.Context, st tool.Store) ([]Config, error) {
	b, ok, err := st.Get(ctx, serversKey)
	if err != nil || !ok {
		return nil, err
	}
	var cs []Config
	if err := json.Unmarshal(b, &cs); err != nil {
		return nil, fmt.Errorf("mcp servers: %w", err)
	}
	return cs, nil
}

// saveConfigs writes the sealed list of servers.
func saveConfigs(ctx context.Context, st tool.Store, cs []Config) error {
	b, err := json.Marshal(cs)
	if err != nil {
		return err
	}
	return st.Put(ctx, serversKey, b)
}
