package app

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/memory"
)

func newMemoryTest(t *testing.T) (*MemoryService, *Vault) {
	t.Helper()
	v, svc, _ := newTestVault(t)
	if _, err := svc.Create("memory test passphrase"); err != nil {
		t.Fatal(err)
	}
	return NewMemoryService(v), v
}

func TestMemoryServiceAddEditForget(t *testing.T) {
	m, _ := newMemoryTest(t)
	if list, err := m.List(); err != nil || len(list) != 0 {
		t.Fatalf("a new store remembers: %+v %v", list, err)
	}
	added, err := m.Add("  Prefers tea to coffee  ")
	must(t, err)
	if added.Text != "Prefers tea to coffee" || !added.Source.ByYou || added.ID == 0 {
		t.Fatalf("added: %+v", added)
	}
	if _, err := m.Add("   "); err == nil {
		t.Fatal("an empty memory was added")
	}
	must(t, m.Edit(added.ID, "Prefers green tea"))
	list, err := m.List()
	must(t, err)
	if len(list) != 1 || list[0].Text != "Prefers green tea" || !list[0].Source.ByYou {
		t.Fatalf("after edit: %+v", list)
	}
	if err := m.Edit(added.ID, ""); err == nil {
		t.Fatal("a memory was emptied")
	}
	must(t, m.Forget(added.ID))
	if err := m.Forget(added.ID); err == nil || !strings.Contains(err.Error(), "is gone") {
		t.Fatalf("forgetting twice: %v", err)
	}
	if list, _ := m.List(); len(list) != 0 {
		t.Fatalf("after forget: %+v", list)
	}
}

func TestMemoryServiceSources(t *testing.T) {
	m, v := newMemoryTest(t)
	ctx := context.Background()
	long := "I moved to Lyon last spring and I am learning to bake bread on weekends, " +
		"mostly sourdough, which takes patience and a warm kitchen, and a lot of flour everywhere."
	must(t, v.Use(func(st *memory.Store) error {
		conv, err := st.CreateConversation(ctx, "Weekend plans")
		if err != nil {
			return err
		}
		msg, err := st.AddMessage(ctx, conv.ID, 0, memory.Message{Role: "user", Text: long})
		if err != nil {
			return err
		}
		if _, err := st.AddMemory(ctx, "Lives in Lyon", memory.Source{ConversationID: conv.ID, MessageID: msg.ID}); err != nil {
			return err
		}
		gone, err := st.CreateConversation(ctx, "Deleted later")
		if err != nil {
			return err
		}
		if _, err := st.AddMemory(ctx, "Has a cat", memory.Source{ConversationID: gone.ID}); err != nil {
			return err
		}
		return st.DeleteConversation(ctx, gone.ID)
	}))
	_, err := m.Add("Likes jazz")
	must(t, err)
	list, err := m.List()
	must(t, err)
	if len(list) != 3 {
		t.Fatalf("memories: %+v", list)
	}
	jazz, cat, lyon := list[0], list[1], list[2] // newest first
	if jazz.Text != "Likes jazz" || !jazz.Source.ByYou {
		t.Errorf("added by hand: %+v", jazz)
	}
	if cat.Text != "Has a cat" || !cat.Source.Gone || cat.Source.ByYou {
		t.Errorf("from a deleted conversation: %+v", cat)
	}
	src := lyon.Source
	if src.ByYou || src.ConversationTitle != "Weekend plans" || !strings.HasPrefix(src.Excerpt, "I moved to Lyon last spring") ||
		!strings.HasSuffix(src.Excerpt, "…") || len([]rune(src.Excerpt)) > excerptRunes+1 {
		t.Errorf("from a conversation: %+v", src)
	}
}

func TestMemoryServiceRememberSwitch(t *testing.T) {
	m, v := newMemoryTest(t)
	on, err := m.RememberNew()
	must(t, err)
	if !on {
		t.Fatal("remembering is off by default")
	}
	must(t, m.SetRememberNew(false))
	var raw []byte
	must(t, v.Use(func(st *memory.Store) error {
		var err error
		raw, err = st.Setting(context.Background(), "memory/enabled")
		return err
	}))
	if string(raw) != "off" {
		t.Fatalf("memory/enabled = %q", raw)
	}
	if on, _ := m.RememberNew(); on {
		t.Fatal("still on after switching off")
	}
	must(t, m.SetRememberNew(true))
	if on, _ := m.RememberNew(); !on {
		t.Fatal("still off after switching on")
	}
	must(t, v.Lock(context.Background()))
	if _, err := m.List(); !errors.Is(err, ErrLocked) {
		t.Fatalf("list while locked: %v", err)
	}
}

func TestExcerpt(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"  spread\nover\tlines ", 40, "spread over lines"},
		{"one two three four five", 12, "one two…"},
		{"éééééééééé", 4, "éééé…"},
	} {
		if got := excerpt(tc.in, tc.n); got != tc.want {
			t.Errorf("excerpt(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}
