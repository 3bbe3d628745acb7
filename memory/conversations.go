package memory

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/hearth-app/hearth/memory/internal/seal"
)

// Conversation is a chat: its title, folder and tags are sealed.
type Conversation struct {
	ID      int64     `json:"id"`
	Title   string    `json:"title"`
	Folder  string    `json:"folder,omitempty"`
	Tags    []string  `json:"tags,omitempty"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// convMeta is the sealed "meta" column of a conversation.
type convMeta struct {
	Title   string    `json:"t"`
	Folder  string    `json:"f,omitempty"`
	Tags    []string  `json:"g,omitempty"`
	Created time.Time `json:"c"`
	Updated time.Time `json:"u"`
}

func (m convMeta) conversation(id int64) Conversation {
	return Conversation{ID: id, Title: m.Title, Folder: m.Folder, Tags: m.Tags, Created: m.Created, Updated: m.Updated}
}

// CreateConversation starts a new conversation.
func (s *Store) CreateConversation(ctx context.Context, title string) (Conversation, error) {
	var c Conversation
	err := s.write(ctx, "create conversation", func(w *writeTx) error {
		now := s.opts.now().UTC()
		m := convMeta{Title: title, Created: now, Updated: now}
		id, err := insertSealed(ctx, w.tx, w.key, colConversationMeta, m, "INSERT INTO conversations(meta) VALUES(x'')")
		c = m.conversation(id)
		return err
	})
	return c, err
}

// Conversation returns one conversation.
func (s *Store) Conversation(ctx context.Context, id int64) (Conversation, error) {
	key, err := s.unlockedKey()
	if err != nil {
		return Conversation{}, err
	}
	m, err := readConvMeta(ctx, s.r, key, id)
	return m.conversation(id), err
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func readConvMeta(ctx context.Context, q querier, key *seal.Key, id int64) (convMeta, error) {
	var rec []byte
	err := q.QueryRowContext(ctx, "SELECT meta FROM conversations WHERE id = ?", id).Scan(&rec)
	if errors.Is(err, sql.ErrNoRows) {
		return convMeta{}, fmt.Errorf("conversation %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return convMeta{}, dbError("read conversation", err)
	}
	var m convMeta
	return m, openJSON(key, colConversationMeta, id, rec, &m)
}

// Conversations lists every conversation, most recently updated first.
func (s *Store) Conversations(ctx context.Context) ([]Conversation, error) {
	key, err := s.unlockedKey()
	if err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, "SELECT id, meta FROM conversations")
	if err != nil {
		return nil, dbError("list conversations", err)
	}
	defer rows.Close()
	var out []Conversation
	for rows.Next() {
		var id int64
		var rec []byte
		if err := rows.Scan(&id, &rec); err != nil {
			return nil, dbError("list conversations", err)
		}
		var m convMeta
		if err := openJSON(key, colConversationMeta, id, rec, &m); err != nil {
			return nil, err
		}
		out = append(out, m.conversation(id))
	}
	slices.SortStableFunc(out, func(a, b Conversation) int { return b.Updated.Compare(a.Updated) })
	return out, dbError("list conversations", rows.Err())
}

// RenameConversation sets a conversation's title.
func (s *Store) RenameConversation(ctx context.Context, id int64, title string) error {
	return s.editConversation(ctx, id, func(m *convMeta) { m.Title = title })
}

// SetFolder puts a conversation in a folder ("" for none).
func (s *Store) SetFolder(ctx context.Context, id int64, folder string) error {
	return s.editConversation(ctx, id, func(m *convMeta) { m.Folder = folder })
}

// SetTags replaces a conversation's tags.
func (s *Store) SetTags(ctx context.Context, id int64, tags []string) error {
	return s.editConversation(ctx, id, func(m *convMeta) { m.Tags = slices.Clone(tags) })
}

func (s *Store) editConversation(ctx context.Context, id int64, edit func(*convMeta)) error {
	return s.write(ctx, "edit conversation", func(w *writeTx) error {
		m, err := readConvMeta(ctx, w.tx, w.key, id)
		if err != nil {
			return err
		}
		edit(&m)
		m.Updated = s.opts.now().UTC()
		return updateSealed(ctx, w.tx, w.key, colConversationMeta, id, m)
	})
}

// touchConversation bumps the updated time inside a write.
func (s *Store) touchConversation(ctx context.Context, w *writeTx, id int64) error {
	m, err := readConvMeta(ctx, w.tx, w.key, id)
	if err != nil {
		return err
	}
	m.Updated = s.opts.now().UTC()
	return updateSealed(ctx, w.tx, w.key, colConversationMeta, id, m)
}

// DeleteConversation deletes a conversation and all its messages for
// good: freed pages are zeroed (secure_delete), the WAL is checkpointed
// and truncated, and the messages leave the search index.
func (s *Store) DeleteConversation(ctx context.Context, id int64) error {
	err := s.write(ctx, "delete conversation", func(w *writeTx) error {
		ids, err := messageIDs(ctx, w.tx, id)
		if err != nil {
			return err
		}
		res, err := w.tx.ExecContext(ctx, "DELETE FROM conversations WHERE id = ?", id)
		if err != nil {
			return dbError("delete conversation", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("delete conversation %d: %w", id, ErrNotFound)
		}
		for _, mid := range ids {
			if err := w.unindex(ctx, messageDoc(mid)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.scrubWAL(ctx)
}

// scrubWAL checkpoints the WAL into the database and truncates it, so
// frames that held deleted rows do not linger in the -wal file.
func (s *Store) scrubWAL(ctx context.Context) error {
	_, err := s.w.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	return dbError("checkpoint", err)
}

func messageIDs(ctx context.Context, tx *sql.Tx, conv int64) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id FROM messages WHERE conversation_id = ?", conv)
	if err != nil {
		return nil, dbError("list messages", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, dbError("list messages", err)
		}
		ids = append(ids, id)
	}
	return ids, dbError("list messages", rows.Err())
}
