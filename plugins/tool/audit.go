package tool

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// auditKey is the Store key of the audit log.
const auditKey = "tools/audit"

// Limits of the audit log: the newest entries are kept, and very long
// arguments are cut (the size is still recorded).
const (
	maxAuditEntries = 2000
	maxAuditArgs    = 16 << 10
)

// AuditEntry records one call: the tool, its arguments, the result's size
// and who approved it.
type AuditEntry struct {
	Time         time.Time       `json:"time"`
	Source       string          `json:"source"`
	Tool         string          `json:"tool"`
	Args         json.RawMessage `json:"args,omitempty"`
	ArgsSize     int             `json:"args_size"`
	ResultSize   int             `json:"result_size"`
	ApprovedBy   string          `json:"approved_by"`
	Conversation int64           `json:"conversation,omitempty"`
	Error        string          `json:"error,omitempty"`
}

// appendAudit adds e to the sealed audit log.
func appendAudit(ctx context.Context, st Store, e AuditEntry) error {
	e.ArgsSize = len(e.Args)
	if len(e.Args) > maxAuditArgs {
		cut, _ := json.Marshal(string(e.Args[:maxAuditArgs]) + "…")
		e.Args = cut
	}
	log, err := readAudit(ctx, st)
	if err != nil {
		return err
	}
	log = append(log, e)
	if len(log) > maxAuditEntries {
		log = log[len(log)-maxAuditEntries:]
	}
	b, err := json.Marshal(log)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return st.Put(ctx, auditKey, b)
}

// readAudit returns the audit log, oldest first.
func readAudit(ctx context.Context, st Store) ([]AuditEntry, error) {
	b, ok, err := st.Get(ctx, auditKey)
	if err != nil || !ok {
		return nil, err
	}
	var log []AuditEntry
	if err := json.Unmarshal(b, &log); err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	return log, nil
}
