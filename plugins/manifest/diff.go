package manifest

// Change is one difference between the capabilities of two versions of a
// plugin.
type Change struct {
	Kind       string   `json:"kind"` // ChangeAdded, ChangeRemoved or ChangeHosts
	Capability string   `json:"capability"`
	Reason     string   `json:"reason,omitempty"`
	Hosts      []string `json:"hosts,omitempty"` // for ChangeHosts: the hosts newly asked for; for ChangeAdded: all of them
}

// Kinds of Change.
const (
	ChangeAdded   = "added"   // a capability the old version did not have
	ChangeRemoved = "removed" // a capability the new version no longer asks for
	ChangeHosts   = "hosts"   // net:fetch asks for hosts it did not have
)

// Diff lists what next asks for beyond what old had (added capabilities,
// new hosts), in next's order, then what it gives up, in old's order. A nil
// old stands for a first install: everything is added.
func Diff(old, next *Manifest) []Change {
	var before, after []Capability
	if old != nil {
		before = old.Capabilities
	}
	if next != nil {
		after = next.Capabilities
	}
	var changes []Change
	for _, c := range after {
		prev, had := find(before, c.Name)
		switch {
		case !had:
			changes = append(changes, Change{Kind: ChangeAdded, Capability: c.Name, Reason: c.Reason, Hosts: c.Hosts})
		case len(newHosts(prev.Hosts, c.Hosts)) > 0:
			changes = append(changes, Change{Kind: ChangeHosts, Capability: c.Name, Reason: c.Reason, Hosts: newHosts(prev.Hosts, c.Hosts)})
		}
	}
	for _, c := range before {
		if _, kept := find(after, c.Name); !kept {
			changes = append(changes, Change{Kind: ChangeRemoved, Capability: c.Name})
		}
	}
	return changes
}

// Wider reports whether m asks for a capability or a host that old did not
// have, so the user must agree again before the update is installed.
func (m *Manifest) Wider(old *Manifest) bool {
	for _, c := range Diff(old, m) {
		if c.Kind != ChangeRemoved {
			return true
		}
	}
	return false
}

// find returns the capability named name in cs.
func find(cs []Capability, name string) (Capability, bool) {
	for _, c := range cs {
		if c.Name == name {
			return c, true
		}
	}
	return Capability{}, false
}

// newHosts returns the hosts in next that are not in old, in next's order.
func newHosts(old, next []string) []string {
	had := make(map[string]bool, len(old))
	for _, h := range old {
		had[h] = true
	}
	var added []string
	for _, h := range next {
		if !had[h] {
			added = append(added, h)
		}
	}
	return added
}
