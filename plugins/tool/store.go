package tool

import "context"

// Store is a sealed key-value store: the app implements it over the
// encrypted store's settings. Keys are never shown to anyone.
type Store interface {
	// Get returns the value under key; ok is false when there is none.
	Get(ctx context.Context, key string) (value []byte, ok bool, err error)
	// Put stores value under key.
	Put(ctx context.Context, key string, value []byte) error
	// Delete removes key; a missing key is not an error.
	Delete(ctx context.Context, key string) error
}
