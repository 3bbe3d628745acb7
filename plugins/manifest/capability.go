package manifest

import (
	"strconv"
	"strings"
)

// knownCapabilities lists every capability name a manifest may use.
var knownCapabilities = map[string]bool{
	CapMemoryRead:  true,
	CapMemoryWrite: true,
	CapNetFetch:    true,
	CapLLMGenerate: true,
	CapNotify:      true,
	CapSecrets:     true,
	CapFilesPick:   true,
}

// checkCapabilities checks that each capability is known, asked for once,
// explained, and names hosts exactly when it is net:fetch.
func (m *Manifest) checkCapabilities() error {
	seen := map[string]bool{}
	for _, c := range m.Capabilities {
		if !knownCapabilities[c.Name] {
			return invalid("the capability %q is not one Hearth knows", clip(c.Name))
		}
		if seen[c.Name] {
			return invalid("the capability %q is asked for twice", c.Name)
		}
		seen[c.Name] = true
		if strings.TrimSpace(c.Reason) == "" {
			return invalid("the capability %q gives no reason", c.Name)
		}
		if err := checkText("reason for "+c.Name, c.Reason, maxReason, false); err != nil {
			return err
		}
		if err := checkHosts(c); err != nil {
			return err
		}
	}
	return nil
}

// checkHosts checks the hosts of one capability.
func checkHosts(c Capability) error {
	if c.Name != CapNetFetch {
		if len(c.Hosts) > 0 {
			return invalid("the capability %q cannot name hosts; only net:fetch does", c.Name)
		}
		return nil
	}
	if len(c.Hosts) == 0 {
		return invalid("net:fetch names no hosts; it must list each host it reaches")
	}
	if len(c.Hosts) > maxHosts {
		return invalid("net:fetch names more than %d hosts", maxHosts)
	}
	seen := map[string]bool{}
	for _, h := range c.Hosts {
		if !ValidHost(h) {
			return invalid("the host %q is not a plain lower-case DNS name like api.example.com (no scheme, port, path, address or wildcard)", clip(h))
		}
		if seen[h] {
			return invalid("the host %q is listed twice", h)
		}
		seen[h] = true
	}
	return nil
}

// ValidHost reports whether h is a plain DNS name a plugin may fetch from:
// lower-case labels of letters, digits and inner hyphens, at least two of
// them, the last not all digits (so no IPv4 address), at most 253
// characters, and not localhost. Wildcards are not allowed.
func ValidHost(h string) bool {
	if len(h) > 253 || h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return false
	}
	labels := strings.Split(h, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if !validLabel(l) {
			return false
		}
	}
	_, err := strconv.Atoi(labels[len(labels)-1])
	return err != nil
}

// validLabel reports whether l is one DNS label: 1 to 63 lower-case
// letters, digits or hyphens, not starting or ending with a hyphen.
func validLabel(l string) bool {
	if len(l) == 0 || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for i := 0; i < len(l); i++ {
		c := l[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
