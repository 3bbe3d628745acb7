package memory_test

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/internal/keys"
)

// Example shows the life of a store as the app drives it: create on
// first use, chat with a branch, remember, search, lock and unlock.
func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "hearth-example")
	defer os.RemoveAll(dir)
	// Tests use a cheap KDF; the app passes no options.
	opts := []memory.Option{memory.WithKDF(keys.Params{Time: 1, MemoryKiB: 64, Threads: 1}),
		memory.WithKDFFloor(keys.Params{Time: 1, MemoryKiB: 64, Threads: 1})}

	s, err := memory.Open(ctx, dir, memory.Passphrase("s3cret"), opts...)
	if errors.Is(err, memory.ErrNoStore) {
		var recoveryKey string
		s, recoveryKey, err = memory.Create(ctx, dir, "s3cret", opts...)
		_ = recoveryKey // show it to the user once
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()

	c, _ := s.CreateConversation(ctx, "Tea")
	q, _ := s.AddMessage(ctx, c.ID, 0, memory.Message{Role: memory.RoleUser, Text: "Which green tea is mild?"})
	s.AddMessage(ctx, c.ID, q.ID, memory.Message{Role: memory.RoleAssistant, Text: "Sencha is mild."})
	s.AddMessage(ctx, c.ID, q.ID, memory.Message{Role: memory.RoleAssistant, Text: "Try a mild Kukicha."}) // regenerated: a branch
	s.AddMemory(ctx, "The user drinks green tea", memory.Source{ConversationID: c.ID, MessageID: q.ID})

	leaves, _ := s.Leaves(ctx, c.ID)
	fmt.Println("branches:", len(leaves))
	hits, _ := s.Search(ctx, "mild", 10, memory.KindMessage)
	fmt.Println("messages about mild tea:", len(hits))

	s.Lock(ctx)
	_, err = s.Memories(ctx)
	fmt.Println(err)
	s.Unlock(ctx, memory.Passphrase("s3cret"))
	mems, _ := s.RelevantMemories(ctx, "green tea", 3)
	fmt.Println(mems[0].Text)
	// Output:
	// branches: 2
	// messages about mild tea: 3
	// memory: store is locked
	// The user drinks green tea
}
