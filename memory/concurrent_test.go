package memory_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/hearth-app/hearth/memory"
)

// TestConcurrentUse runs writers, readers and searches at once, with a
// lock and unlock in the middle. Run it with -race.
func TestConcurrentUse(t *testing.T) {
	ctx := context.Background()
	s, _, _ := newStore(t)
	defer s.Close()
	c, err := s.CreateConversation(ctx, "busy")
	must(t, err)
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for w := range 3 {
		wg.Go(func() {
			for i := range 30 {
				_, err := s.AddMessage(ctx, c.ID, 0, memory.Message{Role: "user", Text: fmt.Sprintf("writer%d item%d", w, i)})
				if err != nil && !errors.Is(err, memory.ErrLocked) {
					errs <- err
				}
			}
		})
	}
	for range 2 {
		wg.Go(func() {
			for range 30 {
				if _, err := s.Search(ctx, "item3", 5); err != nil && !errors.Is(err, memory.ErrLocked) {
					errs <- err
				}
				if _, err := s.Messages(ctx, c.ID); err != nil && !errors.Is(err, memory.ErrLocked) {
					errs <- err
				}
			}
		})
	}
	wg.Go(func() {
		if err := s.Lock(ctx); err != nil {
			errs <- err
		}
		if err := s.Unlock(ctx, memory.Passphrase(pass)); err != nil {
			errs <- err
		}
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st, err := s.Stats(ctx)
	must(t, err)
	if st.Indexed != uint64(st.Messages) {
		t.Fatalf("indexed %d, messages %d", st.Indexed, st.Messages)
	}
}
