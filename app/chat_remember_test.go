package app

import (
	"errors"
	"testing"
)

func TestChatRemember(t *testing.T) {
	s, ev := newTestChat(t)
	done := ev.answered(t)(s.Send(0, 0, "Lily found a shiny pebble"))
	must(t, s.Remember(done.Message.ID, "  Lily keeps pebbles.  "))
	items, err := NewMemoryService(s.vault).List()
	must(t, err)
	if len(items) != 1 || items[0].Text != "Lily keeps pebbles." || items[0].Source.MessageID != done.Message.ID ||
		items[0].Source.ConversationTitle != "Lily found a shiny pebble" || items[0].Source.ByYou {
		t.Fatalf("memories: %+v", items)
	}
	for _, tc := range []struct {
		name    string
		id      int64
		text    string
		wantErr string
	}{
		{"blank", done.Message.ID, "  ", "there is nothing to remember"},
		{"gone message", done.Message.ID + 99, "x", "that message no longer exists"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := s.Remember(tc.id, tc.text); err == nil || err.Error() != tc.wantErr {
				t.Fatalf("error %v, want %q", err, tc.wantErr)
			}
		})
	}
	t.Run("switched off", func(t *testing.T) {
		must(t, NewMemoryService(s.vault).SetRememberNew(false))
		if err := s.Remember(done.Message.ID, "More pebbles."); !errors.Is(err, errRememberingOff) {
			t.Fatalf("error %v, want %v", err, errRememberingOff)
		}
		if items, _ := NewMemoryService(s.vault).List(); len(items) != 1 {
			t.Fatalf("remembered while off: %+v", items)
		}
	})
}
