package memory_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/hearth-app/hearth/memory"
)

// logBuffer collects log output safely.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestUnlockUsesSnapshot checks how the index comes back at unlock: from
// the sealed snapshot plus the changes logged after it, never a rebuild.
func TestUnlockUsesSnapshot(t *testing.T) {
	ctx := context.Background()
	s, dir, _ := newStore(t)
	c, err := s.CreateConversation(ctx, "c")
	must(t, err)
	_, err = s.AddMessage(ctx, c.ID, 0, memory.Message{Role: "user", Text: "saved in the snapshot"})
	must(t, err)
	must(t, s.SaveIndex(ctx))
	_, err = s.AddMessage(ctx, c.ID, 0, memory.Message{Role: "user", Text: "only in the log"})
	must(t, err)
	// Simulate a crash: copy the files while the store is open.
	crashed := t.TempDir()
	for _, f := range []string{"hearth.db", "hearth.db-wal", "hearth.db-shm"} {
		copyFile(t, dir+"/"+f, crashed+"/"+f)
	}
	must(t, s.Close())
	for _, tc := range []struct {
		name, dir, want string
	}{
		{"after a clean close", dir, "rebuilt=false replayed=0"},
		{"after a crash", crashed, "rebuilt=false replayed=1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logs logBuffer
			s := reopen(t, tc.dir, memory.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
			defer s.Close()
			if !strings.Contains(logs.String(), tc.want) {
				t.Fatalf("log does not say %q:\n%s", tc.want, logs.String())
			}
			if hits, _ := s.Search(ctx, "snapshot log", 10); len(hits) != 2 {
				t.Fatalf("Search = %+v", hits)
			}
		})
	}
}
