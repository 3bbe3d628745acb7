package app

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"github.com/hearth-app/hearth/memory"
)

// ChatMessage is one message of the thread the window shows, with where it
// stands among its siblings (the other answers or edits under the same
// parent), so the window can switch branches.
type ChatMessage struct {
	ID           int64   `json:"id"`
	ParentID     int64   `json:"parentId"`
	Role         string  `json:"role"`
	Text         string  `json:"text"`
	Model        string  `json:"model"`
	Created      string  `json:"created"`
	Stopped      bool    `json:"stopped"`
	Siblings     []int64 `json:"siblings"`     // ids of the messages under the same parent, oldest first (itself included)
	SiblingIndex int     `json:"siblingIndex"` // this message's place in Siblings
	// Sources are the numbered passages an answer was given, each with
	// whether it is still there; the answer cites them as [1], [2].
	Sources []Citation `json:"sources,omitempty"`
	// ToolCalls are the tools the answer called, with their results.
	ToolCalls []memory.ToolCall `json:"toolCalls,omitempty"`
}

// ChatThread is the branch of a conversation the window shows.
type ChatThread struct {
	ConversationID int64         `json:"conversationId"`
	Messages       []ChatMessage `json:"messages"`
	Options        ChatOptions   `json:"options"`
}

// messageTree indexes a conversation's messages by parent.
type messageTree struct {
	byID     map[int64]memory.Message
	children map[int64][]int64 // parent id (0: roots) → children, oldest first
}

func newMessageTree(msgs []memory.Message) messageTree {
	t := messageTree{byID: map[int64]memory.Message{}, children: map[int64][]int64{}}
	for _, m := range msgs { // Messages are in id order, so children stay oldest first
		t.byID[m.ID] = m
		t.children[m.ParentID] = append(t.children[m.ParentID], m.ID)
	}
	return t
}

// newestLeaf follows the newest child from id (0: from the newest root)
// down to a leaf.
func (t messageTree) newestLeaf(id int64) int64 {
	for {
		kids := t.children[id]
		if len(kids) == 0 {
			return id
		}
		id = kids[len(kids)-1]
	}
}

// path returns the messages from the root down to leaf.
func (t messageTree) path(leaf int64) []memory.Message {
	var out []memory.Message
	for id := leaf; id != 0; id = t.byID[id].ParentID {
		m, ok := t.byID[id]
		if !ok {
			break
		}
		out = append(out, m)
	}
	slices.Reverse(out)
	return out
}

// Thread returns the branch of a conversation through message `through`:
// from the root down to it, then on along the newest answers to a leaf.
// through 0 shows the newest branch.
func (s *ChatService) Thread(conv, through int64) (ChatThread, error) {
	ctx := context.Background()
	out := ChatThread{ConversationID: conv, Messages: []ChatMessage{}}
	err := s.vault.Use(func(st *memory.Store) error {
		if _, err := st.Conversation(ctx, conv); err != nil {
			return conversationError(err)
		}
		msgs, err := st.Messages(ctx, conv)
		if err != nil {
			return err
		}
		t := newMessageTree(msgs)
		if _, ok := t.byID[through]; !ok {
			through = 0
		}
		stopped, sources := readStopped(ctx, st, conv), readSources(ctx, st, conv)
		for _, m := range t.path(t.newestLeaf(through)) {
			cm := t.chatMessage(m, stopped)
			cm.Sources = checkedSources(ctx, st, sources[m.ID])
			out.Messages = append(out.Messages, cm)
		}
		out.Options = readChatOptions(ctx, st, conv)
		return nil
	})
	return out, err
}

// chatMessage describes m with its siblings.
func (t messageTree) chatMessage(m memory.Message, stopped map[int64]bool) ChatMessage {
	sibs := t.children[m.ParentID]
	return ChatMessage{
		ID: m.ID, ParentID: m.ParentID, Role: m.Role, Text: m.Text, Model: m.Model,
		Created: m.Created.UTC().Format(time.RFC3339), Stopped: stopped[m.ID],
		Siblings: sibs, SiblingIndex: slices.Index(sibs, m.ID), ToolCalls: m.ToolCalls,
	}
}

// Leaves returns the last message of every branch of a conversation,
// oldest branch first.
func (s *ChatService) Leaves(conv int64) ([]int64, error) {
	var out []int64
	err := s.vault.Use(func(st *memory.Store) (err error) {
		out, err = st.Leaves(context.Background(), conv)
		return err
	})
	if out == nil {
		out = []int64{}
	}
	return out, err
}

func stoppedSetting(conv int64) string { return "chat/" + strconv.FormatInt(conv, 10) + "/stopped" }

// readStopped returns the answers of conv that were stopped before their end.
func readStopped(ctx context.Context, st *memory.Store, conv int64) map[int64]bool {
	var ids []int64
	readJSONSetting(ctx, st, stoppedSetting(conv), &ids)
	out := map[int64]bool{}
	for _, id := range ids {
		out[id] = true
	}
	return out
}

// markStopped records that answer id of conv was stopped.
func markStopped(ctx context.Context, st *memory.Store, conv, id int64) error {
	var ids []int64
	readJSONSetting(ctx, st, stoppedSetting(conv), &ids)
	b, err := json.Marshal(append(ids, id))
	if err != nil {
		return err
	}
	return st.SetSetting(ctx, stoppedSetting(conv), b)
}
