package memory_test

import (
	"context"
	"testing"

	"github.com/hearth-app/hearth/memory"
)

// TestChangePassphraseScrubsOldSlot checks that after a passphrase change
// (and a new recovery key) the old wrapped keys are in no file of the
// store, WAL included, while the store is still open: someone who copies
// the directory later, and knows the old passphrase, must not find the old
// slot to unwrap. Before, the old slot stayed in the database file until
// some later checkpoint, and the WAL could hold it too.
func TestChangePassphraseScrubsOldSlot(t *testing.T) {
	ctx := context.Background()
	s, dir, _ := newStore(t)
	defer s.Close()
	_, err := s.AddMemory(ctx, "something written", memory.Source{})
	must(t, err)
	db := rawDB(t, dir)
	oldPass := blob(t, db, "SELECT slot FROM keyslots WHERE kind = 1")
	oldRecovery := blob(t, db, "SELECT slot FROM keyslots WHERE kind = 2")
	must(t, db.Close())
	must(t, s.ChangePassphrase(ctx, memory.Passphrase(pass), "another passphrase"))
	_, err = s.NewRecoveryKey(ctx, memory.Passphrase("another passphrase"))
	must(t, err)
	// The wrapped key (nonce, sealed key, tag) is the slot's last 72 bytes.
	scanFor(t, oldPass[len(oldPass)-72:], dir)
	scanFor(t, oldRecovery[len(oldRecovery)-72:], dir)
}
