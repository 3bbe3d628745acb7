package memory

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
)

// setting is the sealed value of a setting; the name is sealed with it
// so a value moved to another name's row fails to open.
type setting struct {
	Name  string `json:"n"`
	Value []byte `json:"v"`
}

// nameTag is the blind index of a setting name: HMAC-SHA256 under a key
// derived from the data key, so lookups work without storing the name.
func (s *Store) nameTag(name string) ([]byte, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.tag == nil {
		return nil, ErrLocked
	}
	h := hmac.New(sha256.New, s.tag)
	h.Write([]byte(name))
	return h.Sum(nil), nil
}

// SetSetting stores value under name, sealed.
func (s *Store) SetSetting(ctx context.Context, name string, value []byte) error {
	tag, err := s.nameTag(name)
	if err != nil {
		return err
	}
	return s.write(ctx, "set setting", func(w *writeTx) error {
		var id int64
		err := w.tx.QueryRowContext(ctx, "SELECT id FROM settings WHERE name_tag = ?", tag).Scan(&id)
		v := setting{Name: name, Value: value}
		switch {
		case errors.Is(err, sql.ErrNoRows):
			_, err = insertSealed(ctx, w.tx, w.key, colSettingValue, v, "INSERT INTO settings(name_tag, value) VALUES(?, x'')", tag)
			return err
		case err != nil:
			return dbError("set setting", err)
		}
		return updateSealed(ctx, w.tx, w.key, colSettingValue, id, v)
	})
}

// Setting returns the value stored under name, or ErrNotFound.
func (s *Store) Setting(ctx context.Context, name string) ([]byte, error) {
	tag, err := s.nameTag(name)
	if err != nil {
		return nil, err
	}
	key, err := s.unlockedKey()
	if err != nil {
		return nil, err
	}
	var id int64
	var rec []byte
	err = s.r.QueryRowContext(ctx, "SELECT id, value FROM settings WHERE name_tag = ?", tag).Scan(&id, &rec)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("setting: %w", ErrNotFound)
	}
	if err != nil {
		return nil, dbError("read setting", err)
	}
	var v setting
	if err := openJSON(key, colSettingValue, id, rec, &v); err != nil {
		return nil, err
	}
	if v.Name != name {
		return nil, fmt.Errorf("open settings row %d: name mismatch: %w", id, ErrTampered)
	}
	return v.Value, nil
}

// DeleteSetting removes a setting; a missing one is not an error.
func (s *Store) DeleteSetting(ctx context.Context, name string) error {
	tag, err := s.nameTag(name)
	if err != nil {
		return err
	}
	return s.write(ctx, "delete setting", func(w *writeTx) error {
		_, err := w.tx.ExecContext(ctx, "DELETE FROM settings WHERE name_tag = ?", tag)
		return dbError("delete setting", err)
	})
}
