package memory_test

import (
	"context"
	"testing"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/internal/keys"
)

// cheap is a low Argon2id cost for tests, passed explicitly together
// with a matching floor. Production uses keys.DefaultParams.
var cheap = keys.Params{Time: 1, MemoryKiB: 64, Threads: 1}

func testOpts(extra ...memory.Option) []memory.Option {
	return append([]memory.Option{memory.WithKDF(cheap), memory.WithKDFFloor(cheap)}, extra...)
}

const pass = "correct horse battery staple"

func newStore(t testing.TB, extra ...memory.Option) (*memory.Store, string, string) {
	t.Helper()
	dir := t.TempDir()
	s, rk, err := memory.Create(context.Background(), dir, pass, testOpts(extra...)...)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	return s, dir, rk
}

func reopen(t testing.TB, dir string, extra ...memory.Option) *memory.Store {
	t.Helper()
	s, err := memory.Open(context.Background(), dir, memory.Passphrase(pass), testOpts(extra...)...)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
