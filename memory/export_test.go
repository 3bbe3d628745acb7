package memory

import "context"

// CreateAt exposes createAt to the black-box tests: a store whose schema
// stops at an earlier version.
func CreateAt(ctx context.Context, dir, passphrase string, version int, opts ...Option) (*Store, string, error) {
	return createAt(ctx, dir, passphrase, version, opts...)
}

// SealedColumns returns every sealed column as "table.column", for the
// test that checks the schema's columns are all covered.
func SealedColumns() []string {
	var out []string
	for _, c := range sealedColumns() {
		out = append(out, string(c))
	}
	return out
}

// Pragmas returns the value of each named pragma on the writer
// connection and on a reader connection, for tests that check the DSN
// reached SQLite.
func (s *Store) Pragmas(ctx context.Context, names ...string) (writer, reader map[string]string, err error) {
	writer, reader = map[string]string{}, map[string]string{}
	for _, n := range names {
		var w, r string
		if err := s.w.QueryRowContext(ctx, "PRAGMA "+n).Scan(&w); err != nil {
			return nil, nil, err
		}
		if err := s.r.QueryRowContext(ctx, "PRAGMA "+n).Scan(&r); err != nil {
			return nil, nil, err
		}
		writer[n], reader[n] = w, r
	}
	return writer, reader, nil
}

// Spilled reports whether the in-memory index leaves saved segments out.
func (s *Store) Spilled() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.spilled()
}
