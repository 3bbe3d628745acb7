package memory

import "context"

// CreateAt exposes createAt to the black-box tests: a store whose schema
// stops at an earlier version.
func CreateAt(ctx context.Context, dir, passphrase string, version int, opts ...Option) (*Store, string, error) {
	return createAt(ctx, dir, passphrase, version, opts...)
}
