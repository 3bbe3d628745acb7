package tool

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// DefaultTimeout bounds every call (a caller's shorter deadline still wins).
const DefaultTimeout = 2 * time.Minute

// Registry is the one list of tools a chat can call. It is safe for
// concurrent use; conversation grants live as long as the Registry.
type Registry struct {
	store     Store
	providers []Provider
	timeout   time.Duration
	now       func() time.Time
	schemas   *Schemas

	mu   sync.Mutex
	conv map[convKey]bool
}

// New returns a registry over providers, storing grants and the audit log
// in store.
func New(store Store, providers ...Provider) *Registry {
	return &Registry{store: store, providers: providers, timeout: DefaultTimeout,
		now: time.Now, schemas: NewSchemas(), conv: make(map[convKey]bool)}
}

// UseSchemas makes the registry check arguments with s, so that registries
// built one after another (one per answer, say) compile each schema once.
func (r *Registry) UseSchemas(s *Schemas) { r.schemas = s }

// SetTimeout changes the time limit of a call (DefaultTimeout otherwise).
func (r *Registry) SetTimeout(d time.Duration) { r.timeout = d }

// List returns every tool of every provider, each with its ModelName. A
// provider that fails is reported in err alongside the tools of the others.
func (r *Registry) List(ctx context.Context) ([]Tool, error) {
	var all []Tool
	var errs []error
	for _, p := range r.providers {
		ts, err := p.Tools(ctx)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p.Source(), err))
			continue
		}
		all = append(all, ts...)
	}
	modelNames(all)
	return all, errors.Join(errs...)
}

// Offered returns the tools to offer a model: List without blocked tools.
func (r *Registry) Offered(ctx context.Context) ([]Tool, error) {
	all, err := r.List(ctx)
	out := all[:0]
	for _, t := range all {
		if !t.Blocked {
			out = append(out, t)
		}
	}
	return out, err
}

// Find returns the tool name of source, and its provider.
func (r *Registry) Find(ctx context.Context, source, name string) (Tool, Provider, error) {
	for _, p := range r.providers {
		if p.Source() != source {
			continue
		}
		ts, err := p.Tools(ctx)
		if err != nil {
			return Tool{}, nil, fmt.Errorf("%s: %w", source, err)
		}
		for _, t := range ts {
			if t.Name == name {
				return t, p, nil
			}
		}
		return Tool{}, nil, fmt.Errorf("%s has no tool %q: %w", source, name, ErrNotFound)
	}
	return Tool{}, nil, fmt.Errorf("no tool source %q: %w", source, ErrNotFound)
}

// NeedsApproval says whether calling t in conversation would ask the user.
func (r *Registry) NeedsApproval(ctx context.Context, t Tool, conversation int64) (bool, error) {
	_, always, err := r.store.Get(ctx, grantKey(t))
	if err != nil {
		return true, fmt.Errorf("read grant: %w", err)
	}
	r.mu.Lock()
	conv := r.conv[convKey{conversation, t.Source, t.Name}]
	r.mu.Unlock()
	return Policy(t, always, conv), nil
}

// Grant records an approval of t with scope.
func (r *Registry) Grant(ctx context.Context, t Tool, scope Scope, conversation int64) error {
	switch scope {
	case ScopeAlways:
		return r.store.Put(ctx, grantKey(t), []byte(r.now().UTC().Format(time.RFC3339)))
	case ScopeConversation:
		r.mu.Lock()
		r.conv[convKey{conversation, t.Source, t.Name}] = true
		r.mu.Unlock()
	}
	return nil
}

// Revoke removes an "always" grant of t.
func (r *Registry) Revoke(ctx context.Context, t Tool) error {
	return r.store.Delete(ctx, grantKey(t))
}

// Audit returns the audit log, oldest first.
func (r *Registry) Audit(ctx context.Context) ([]AuditEntry, error) {
	return readAudit(ctx, r.store)
}
