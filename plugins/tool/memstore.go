package tool

import (
	"context"
	"sync"
)

// MemStore is a Store in memory, for tests and for callers that keep
// nothing. It is not sealed.
type MemStore struct {
	mu sync.Mutex
	m  map[string][]byte
}

var _ Store = (*MemStore)(nil)

// Get returns the value under key.
func (s *MemStore) Get(_ context.Context, key string) ([]byte, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[key]
	return append([]byte(nil), v...), ok, nil
}

// Put stores value under key.
func (s *MemStore) Put(_ context.Context, key string, value []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = make(map[string][]byte)
	}
	s.m[key] = append([]byte(nil), value...)
	return nil
}

// Delete removes key.
func (s *MemStore) Delete(_ context.Context, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, key)
	return nil
}
