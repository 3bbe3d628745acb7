package memory

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/hearth-app/hearth/memory/internal/index"
	"github.com/hearth-app/hearth/memory/internal/seal"
)

// Roles of a message.
const (
	RoleSystem    = "system"
	RoleUser      = "user"
	RoleAssistant = "assistant"
	RoleTool      = "tool"
)

// ToolCall is a tool the assistant called, with its arguments and result
// (all sealed with the message).
type ToolCall struct {
	Name      string `json:"name"`
	Arguments string `json:"arguments"`
	Result    string `json:"result,omitempty"`
	// Source is where the tool comes from ("hearth", "mcp:NAME").
	Source string `json:"source,omitempty"`
	// Structured is the tool's structured result, as JSON.
	Structured string `json:"structured,omitempty"`
	// Error is why the call failed or was refused, in one sentence.
	Error string `json:"error,omitempty"`
	// Millis is how long the call took, approval excluded.
	Millis int64 `json:"millis,omitempty"`
}

// Message is one node of a conversation's tree. A message whose parent
// has other children is a branch: editing a user message or regenerating
// an answer adds a sibling and keeps the old one.
type Message struct {
	ID             int64      `json:"id"`
	ConversationID int64      `json:"conversation_id"`
	ParentID       int64      `json:"parent_id,omitempty"` // 0 for a root
	Role           string     `json:"role"`
	Text           string     `json:"text"`
	Model          string     `json:"model,omitempty"`
	ToolCalls      []ToolCall `json:"tool_calls,omitempty"`
	Created        time.Time  `json:"created"`
}

// msgBody is the sealed "body" column of a message.
type msgBody struct {
	Role      string     `json:"r"`
	Text      string     `json:"t"`
	Model     string     `json:"m,omitempty"`
	ToolCalls []ToolCall `json:"c,omitempty"`
	Created   time.Time  `json:"d"`
}

func messageDoc(id int64) string { return "m" + strconv.FormatInt(id, 10) }

// AddMessage appends m to conversation conv under parent (0 for a root)
// and returns it with its id and time set. The message is durable when
// AddMessage returns.
func (s *Store) AddMessage(ctx context.Context, conv, parent int64, m Message) (Message, error) {
	err := s.write(ctx, "add message", func(w *writeTx) error {
		if err := s.touchConversation(ctx, w, conv); err != nil {
			return err
		}
		if err := s.checkParent(ctx, w.tx, conv, parent); err != nil {
			return err
		}
		var err error
		m, err = s.insertMessage(ctx, w, conv, parent, m)
		return err
	})
	return m, err
}

// checkParent verifies that parent is 0 or a message of conv.
func (s *Store) checkParent(ctx context.Context, tx *sql.Tx, conv, parent int64) error {
	if parent == 0 {
		return nil
	}
	var c int64
	err := tx.QueryRowContext(ctx, "SELECT conversation_id FROM messages WHERE id = ?", parent).Scan(&c)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && c != conv) {
		return fmt.Errorf("parent message %d in conversation %d: %w", parent, conv, ErrNotFound)
	}
	return dbError("read parent message", err)
}

// Messages returns every message of a conversation (all branches), in
// the order they were written.
func (s *Store) Messages(ctx context.Context, conv int64) ([]Message, error) {
	key, err := s.unlockedKey()
	if err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, "SELECT id, conversation_id, parent_id, body FROM messages WHERE conversation_id = ? ORDER BY id", conv)
	if err != nil {
		return nil, dbError("list messages", err)
	}
	defer rows.Close()
	var out []Message
	for rows.Next() {
		m, err := scanMessage(rows, key)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, dbError("list messages", rows.Err())
}

type scanner interface{ Scan(dest ...any) error }

func scanMessage(row scanner, key *seal.Key) (Message, error) {
	var m Message
	var parent sql.NullInt64
	var rec []byte
	if err := row.Scan(&m.ID, &m.ConversationID, &parent, &rec); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return Message{}, fmt.Errorf("message: %w", ErrNotFound)
		}
		return Message{}, dbError("read message", err)
	}
	var b msgBody
	if err := openJSON(key, colMessageBody, m.ID, rec, &b); err != nil {
		return Message{}, err
	}
	m.ParentID = parent.Int64
	m.Role, m.Text, m.Model, m.ToolCalls, m.Created = b.Role, b.Text, b.Model, b.ToolCalls, b.Created
	return m, nil
}

// Message returns one message.
func (s *Store) Message(ctx context.Context, id int64) (Message, error) {
	key, err := s.unlockedKey()
	if err != nil {
		return Message{}, err
	}
	row := s.r.QueryRowContext(ctx, "SELECT id, conversation_id, parent_id, body FROM messages WHERE id = ?", id)
	return scanMessage(row, key)
}

// Thread returns the branch ending at leaf: its ancestors, root first.
func (s *Store) Thread(ctx context.Context, leaf int64) ([]Message, error) {
	var out []Message
	for id := leaf; id != 0; {
		m, err := s.Message(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("thread of %d: %w", leaf, err)
		}
		out = append(out, m)
		id = m.ParentID
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, nil
}

// Leaves returns the ids of the messages without children in a
// conversation: one per branch, oldest branch first.
func (s *Store) Leaves(ctx context.Context, conv int64) ([]int64, error) {
	if _, err := s.unlockedKey(); err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT id FROM messages m WHERE conversation_id = ?
		AND NOT EXISTS (SELECT 1 FROM messages c WHERE c.parent_id = m.id) ORDER BY id`, conv)
	if err != nil {
		return nil, dbError("list branches", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, dbError("list branches", err)
		}
		ids = append(ids, id)
	}
	return ids, dbError("list branches", rows.Err())
}

// AddMessages appends msgs as a chain under parent (each the child of
// the one before) in one transaction: for imports, and for regenerating
// a whole exchange at once. It returns the stored messages.
func (s *Store) AddMessages(ctx context.Context, conv, parent int64, msgs []Message) ([]Message, error) {
	out := make([]Message, 0, len(msgs))
	err := s.write(ctx, "add messages", func(w *writeTx) error {
		out = out[:0]
		if err := s.touchConversation(ctx, w, conv); err != nil {
			return err
		}
		if err := s.checkParent(ctx, w.tx, conv, parent); err != nil {
			return err
		}
		for _, m := range msgs {
			m, err := s.insertMessage(ctx, w, conv, parent, m)
			if err != nil {
				return err
			}
			out, parent = append(out, m), m.ID
		}
		return nil
	})
	return out, err
}

// insertMessage writes one message row and logs it for the index.
func (s *Store) insertMessage(ctx context.Context, w *writeTx, conv, parent int64, m Message) (Message, error) {
	m.ConversationID, m.ParentID, m.Created = conv, parent, s.opts.now().UTC()
	body := msgBody{Role: m.Role, Text: m.Text, Model: m.Model, ToolCalls: m.ToolCalls, Created: m.Created}
	var p any
	if parent != 0 {
		p = parent
	}
	id, err := insertSealed(ctx, w.tx, w.key, colMessageBody, body,
		"INSERT INTO messages(conversation_id, parent_id, body) VALUES(?, ?, x'')", conv, p)
	if err != nil {
		return Message{}, err
	}
	m.ID = id
	return m, w.index(ctx, index.Doc{ID: messageDoc(id), Kind: KindMessage, Text: m.Text})
}
