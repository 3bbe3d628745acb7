package app

import (
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"

	"github.com/hearth-app/hearth/plugins/manager"
)

// Bounds on the install sheets waiting for the person: how many (each
// holds a zip of up to 32 MiB) and for how long.
const (
	maxPendingSheets = 4
	pendingSheetTTL  = 15 * time.Minute
)

// pendingSheet is an install the window showed and has not answered: the
// zip read from the file the person chose, or the registry's plugin ID
// (downloaded again on Install, and accepted only if it is the same file).
type pendingSheet struct {
	zip        []byte
	registryID string
	prompt     manager.Prompt
	from       string
	created    time.Time
}

// pendingSheets holds the sheets by token. A token is random, used once
// and forgotten after pendingSheetTTL.
type pendingSheets struct {
	now func() time.Time
	mu  sync.Mutex
	m   map[string]pendingSheet
}

func newPendingSheets(now func() time.Time) *pendingSheets {
	return &pendingSheets{now: now, m: map[string]pendingSheet{}}
}

// add keeps ps and returns its token, forgetting the oldest sheet when
// too many wait.
func (p *pendingSheets) add(ps pendingSheet) string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	token := hex.EncodeToString(b[:])
	p.mu.Lock()
	defer p.mu.Unlock()
	p.expireLocked()
	if len(p.m) >= maxPendingSheets {
		var oldest string
		for t, s := range p.m {
			if oldest == "" || s.created.Before(p.m[oldest].created) {
				oldest = t
			}
		}
		delete(p.m, oldest)
	}
	ps.created = p.now()
	p.m[token] = ps
	return token
}

// get returns the sheet of token, if it is still valid, and keeps it.
func (p *pendingSheets) get(token string) (pendingSheet, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.expireLocked()
	ps, ok := p.m[token]
	return ps, ok
}

// take returns and forgets the sheet of token, if it is still valid.
func (p *pendingSheets) take(token string) (pendingSheet, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.expireLocked()
	ps, ok := p.m[token]
	delete(p.m, token)
	return ps, ok
}

// expireLocked forgets the sheets older than pendingSheetTTL.
func (p *pendingSheets) expireLocked() {
	for t, s := range p.m {
		if p.now().Sub(s.created) > pendingSheetTTL {
			delete(p.m, t)
		}
	}
}
