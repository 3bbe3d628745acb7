package tool

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// auditKey is the Store key of the audit log.
const auditKey = "tools/audit"

// Limits of the audit log: the newest entries (about maxAuditEntries) are
// kept, and very long arguments are cut (their size is still recorded).
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
	// Refused is set when the call never ran: a blocked tool, arguments
	// that do not fit its schema, or a call the user did not approve.
	Refused bool `json:"refused,omitempty"`
}

// The audit log is kept in pages of pageSize entries, so a call rewrites
// one small page, never the whole log; the oldest page goes when there are
// more than maxAuditEntries/pageSize.
const pageSize = 100

// auditMeta is the range of pages that exist.
type auditMeta struct {
	First int `json:"first"`
	Next  int `json:"next"`
}

func pageKey(n int) string { return fmt.Sprintf("%s/%d", auditKey, n) }

// appendAudit adds e to the sealed audit log.
func appendAudit(ctx context.Context, st Store, e AuditEntry) error {
	e.ArgsSize = len(e.Args)
	if len(e.Args) > maxAuditArgs {
		cut, _ := json.Marshal(string(e.Args[:maxAuditArgs]) + "…")
		e.Args = cut
	}
	var meta auditMeta
	if err := getJSON(ctx, st, auditKey, &meta); err != nil {
		return err
	}
	var page []AuditEntry
	if meta.Next > meta.First {
		if err := getJSON(ctx, st, pageKey(meta.Next-1), &page); err != nil {
			return err
		}
	}
	if len(page) >= pageSize || meta.Next == meta.First {
		page = nil
		meta.Next++
	}
	if err := putJSON(ctx, st, pageKey(meta.Next-1), append(page, e)); err != nil {
		return err
	}
	for meta.Next-meta.First > maxAuditEntries/pageSize {
		if err := st.Delete(ctx, pageKey(meta.First)); err != nil {
			return err
		}
		meta.First++
	}
	return putJSON(ctx, st, auditKey, meta)
}

// readAudit returns the audit log, oldest first.
func readAudit(ctx context.Context, st Store) ([]AuditEntry, error) {
	var meta auditMeta
	if err := getJSON(ctx, st, auditKey, &meta); err != nil {
		return nil, err
	}
	var log []AuditEntry
	for n := meta.First; n < meta.Next; n++ {
		var page []AuditEntry
		if err := getJSON(ctx, st, pageKey(n), &page); err != nil {
			return nil, err
		}
		log = append(log, page...)
	}
	return log, nil
}

// getJSON decodes the value under key into v; a missing key leaves v.
func getJSON(ctx context.Context, st Store, key string, v any) error {
	b, ok, err := st.Get(ctx, key)
	if err != nil || !ok {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	return nil
}

// putJSON stores v under key as JSON.
func putJSON(ctx context.Context, st Store, key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	return st.Put(ctx, key, b)
}
