package memory

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hearth-app/hearth/memory/internal/index"
	"github.com/hearth-app/hearth/memory/internal/seal"
)

// Source says where a memory came from: the conversation and message it
// was learnt in (zero when the user added it by hand), or the plugin that
// wrote it.
type Source struct {
	ConversationID int64  `json:"conversation_id,omitempty"`
	MessageID      int64  `json:"message_id,omitempty"`
	Plugin         string `json:"plugin,omitempty"`
}

// Memory is a fact about the user that the assistant keeps. The user can
// list, edit and forget it.
type Memory struct {
	ID      int64     `json:"id"`
	Text    string    `json:"text"`
	Source  Source    `json:"source"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// memBody is the sealed "body" column of a memory.
type memBody struct {
	Text    string    `json:"t"`
	Source  Source    `json:"s"`
	Created time.Time `json:"c"`
	Updated time.Time `json:"u"`
}

// memoryDoc names revision rev of memory id in the index. Each edit gets
// a new document id, so a snapshot never holds two live copies of one id.
func memoryDoc(id, rev int64) string {
	return "r" + strconv.FormatInt(id, 10) + "." + strconv.FormatInt(rev, 10)
}

// parseMemoryDoc returns the memory id of a memory document id.
func parseMemoryDoc(doc string) (int64, bool) {
	idPart, _, ok := strings.Cut(strings.TrimPrefix(doc, "r"), ".")
	id, err := strconv.ParseInt(idPart, 10, 64)
	return id, ok && err == nil && strings.HasPrefix(doc, "r")
}

// AddMemory stores a new memory.
func (s *Store) AddMemory(ctx context.Context, text string, src Source) (Memory, error) {
	var m Memory
	err := s.write(ctx, "add memory", func(w *writeTx) error {
		now := s.opts.now().UTC()
		b := memBody{Text: text, Source: src, Created: now, Updated: now}
		id, err := insertSealed(ctx, w.tx, w.key, colMemoryBody, b, "INSERT INTO memories(rev, body) VALUES(1, x'')")
		if err != nil {
			return err
		}
		m = Memory{ID: id, Text: text, Source: src, Created: now, Updated: now}
		return w.index(ctx, index.Doc{ID: memoryDoc(id, 1), Kind: KindMemory, Text: text})
	})
	return m, err
}

// Memories lists every memory, oldest first.
func (s *Store) Memories(ctx context.Context) ([]Memory, error) {
	key, err := s.unlockedKey()
	if err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, "SELECT id, rev, body FROM memories ORDER BY id")
	if err != nil {
		return nil, dbError("list memories", err)
	}
	defer rows.Close()
	var out []Memory
	for rows.Next() {
		m, _, err := scanMemory(rows, key)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, dbError("list memories", rows.Err())
}

func scanMemory(row scanner, key *seal.Key) (Memory, int64, error) {
	var id, rev int64
	var rec []byte
	if err := row.Scan(&id, &rev, &rec); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return Memory{}, 0, fmt.Errorf("memory: %w", ErrNotFound)
		}
		return Memory{}, 0, dbError("read memory", err)
	}
	var b memBody
	if err := openJSON(key, colMemoryBody, id, rec, &b); err != nil {
		return Memory{}, 0, err
	}
	return Memory{ID: id, Text: b.Text, Source: b.Source, Created: b.Created, Updated: b.Updated}, rev, nil
}

// Memory returns one memory.
func (s *Store) Memory(ctx context.Context, id int64) (Memory, error) {
	key, err := s.unlockedKey()
	if err != nil {
		return Memory{}, err
	}
	m, _, err := scanMemory(s.r.QueryRowContext(ctx, "SELECT id, rev, body FROM memories WHERE id = ?", id), key)
	return m, err
}

// EditMemory replaces a memory's text, keeping its source.
func (s *Store) EditMemory(ctx context.Context, id int64, text string) error {
	return s.write(ctx, "edit memory", func(w *writeTx) error {
		m, rev, err := scanMemory(w.tx.QueryRowContext(ctx, "SELECT id, rev, body FROM memories WHERE id = ?", id), w.key)
		if err != nil {
			return err
		}
		b := memBody{Text: text, Source: m.Source, Created: m.Created, Updated: s.opts.now().UTC()}
		if _, err := w.tx.ExecContext(ctx, "UPDATE memories SET rev = ? WHERE id = ?", rev+1, id); err != nil {
			return dbError("edit memory", err)
		}
		if err := updateSealed(ctx, w.tx, w.key, colMemoryBody, id, b); err != nil {
			return err
		}
		if err := w.unindex(ctx, memoryDoc(id, rev)); err != nil {
			return err
		}
		return w.index(ctx, index.Doc{ID: memoryDoc(id, rev+1), Kind: KindMemory, Text: text})
	})
}

// ForgetMemory deletes a memory for good.
func (s *Store) ForgetMemory(ctx context.Context, id int64) error {
	err := s.write(ctx, "forget memory", func(w *writeTx) error {
		var rev int64
		err := w.tx.QueryRowContext(ctx, "DELETE FROM memories WHERE id = ? RETURNING rev", id).Scan(&rev)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("forget memory %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return dbError("forget memory", err)
		}
		return w.unindex(ctx, memoryDoc(id, rev))
	})
	if err != nil {
		return err
	}
	return s.scrubWAL(ctx)
}

// RelevantMemories returns up to k memories matching text, best first,
// for the prompt of a chat turn.
func (s *Store) RelevantMemories(ctx context.Context, text string, k int) ([]Memory, error) {
	hits, err := s.Search(ctx, text, k, KindMemory)
	if err != nil {
		return nil, err
	}
	out := make([]Memory, 0, len(hits))
	for _, h := range hits {
		m, err := s.Memory(ctx, h.ID)
		if errors.Is(err, ErrNotFound) {
			continue // forgotten since the search
		}
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}
