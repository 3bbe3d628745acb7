package manager

import (
	"context"
	"sync"
	"time"

	"github.com/hearth-app/hearth/plugins/host"
)

// maxAudit is how many entries the plugin audit log keeps (the newest).
const maxAudit = 500

// maxAuditDetail cuts an entry's detail.
const maxAuditDetail = 512

// AuditEntry is one host-function call or tool call of a plugin, allowed
// or denied.
type AuditEntry struct {
	Time       time.Time `json:"time"`
	Plugin     string    `json:"plugin"`
	Function   string    `json:"function"`
	Capability string    `json:"capability,omitempty"`
	Allowed    bool      `json:"allowed"`
	Detail     string    `json:"detail,omitempty"`
}

// auditBuffer collects events from the host between saves.
type auditBuffer struct {
	mu      sync.Mutex
	pending []AuditEntry
	save    sync.Mutex // one save at a time
}

// add keeps e until the next save; it never blocks a plugin for long.
func (a *auditBuffer) add(e host.Event) {
	d := e.Detail
	if len(d) > maxAuditDetail {
		d = d[:maxAuditDetail] + "…"
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.pending) >= maxAudit {
		a.pending = a.pending[1:]
	}
	a.pending = append(a.pending, AuditEntry{Time: e.Time, Plugin: e.Plugin, Function: e.Function,
		Capability: e.Capability, Allowed: e.Allowed, Detail: d})
}

// take returns and forgets the pending entries, oldest first.
func (a *auditBuffer) take() []AuditEntry {
	a.mu.Lock()
	defer a.mu.Unlock()
	p := a.pending
	a.pending = nil
	return p
}

// Audit returns the plugin audit log, newest first.
func (m *Manager) Audit(ctx context.Context) ([]AuditEntry, error) {
	if err := m.flushAudit(ctx); err != nil {
		return nil, err
	}
	var log []AuditEntry
	return log, getJSON(ctx, m.st, keyAudit, &log)
}

// flushAudit saves the pending entries in the sealed log, newest first,
// keeping maxAudit.
func (m *Manager) flushAudit(ctx context.Context) error {
	m.audit.save.Lock()
	defer m.audit.save.Unlock()
	p := m.audit.take()
	if len(p) == 0 {
		return nil
	}
	var log []AuditEntry
	if err := getJSON(ctx, m.st, keyAudit, &log); err != nil {
		return err
	}
	fresh := make([]AuditEntry, 0, len(p)+len(log))
	for i := len(p) - 1; i >= 0; i-- {
		fresh = append(fresh, p[i])
	}
	fresh = append(fresh, log...)
	if len(fresh) > maxAudit {
		fresh = fresh[:maxAudit]
	}
	return putJSON(ctx, m.st, keyAudit, fresh)
}
