package memory

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"fmt"

	"github.com/hearth-app/hearth/memory/internal/keys"
	"github.com/hearth-app/hearth/memory/internal/seal"
)

// rotateBatch is the number of rows re-sealed per query, so a large
// store is rotated without loading it whole.
const rotateBatch = 128

// rotation is the old and new keys of one RotateKey.
type rotation struct {
	old, next *seal.Key
	nextTag   []byte // HMAC key of the new setting-name blind index
}

// RotateKey re-encrypts the whole store under a fresh random data key, in
// one transaction: every sealed value of every table, the setting-name
// blind index and the sealed index snapshot, under a new key id. current
// must unlock the store; the new key is wrapped under the passphrase next
// (which may be the current one) and under a new recovery key, returned
// to be shown once: the old recovery key stops working. A keyring slot is
// removed (its secret cannot be re-wrapped without reading the keyring):
// enable the keyring again after a rotation. The WAL is then checkpointed
// and truncated; with secure_delete on, no old ciphertext is left in the
// store's files.
//
// A crash at any point leaves the store as it was before or after the
// rotation, never between. Readers that started before the commit may
// fail once with ErrTampered: callers should keep other work off the
// store while it rotates (the window's vault does). Backups made before
// the rotation still open with the passphrase and recovery key of their
// time.
func (s *Store) RotateKey(ctx context.Context, current Unlocker, next string) (string, error) {
	if next == "" {
		return "", fmt.Errorf("rotate key: %w", ErrEmptyPassphrase)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	old, err := s.unlockedKey()
	if err != nil {
		return "", err
	}
	dek, err := s.unwrap(ctx, current)
	if err != nil {
		return "", fmt.Errorf("rotate key: %w", err)
	}
	clear(dek) // proof of the secret only: the old key is not needed again
	newDEK := make([]byte, seal.KeySize)
	_, _ = rand.Read(newDEK)
	defer clear(newDEK)
	keyID := s.newKeyID()
	printed, slots, err := newSlots(newDEK, keyID, next, s.opts.kdf)
	if err != nil {
		return "", fmt.Errorf("rotate key: %w", err)
	}
	r, err := newRotation(old, keyID, newDEK)
	if err != nil {
		return "", fmt.Errorf("rotate key: %w", err)
	}
	if err := s.commitRotation(ctx, r, keyID, slots); err != nil {
		forgetKeys(r.nextTag)
		return "", err
	}
	return printed, s.scrubWAL(ctx)
}

// newKeyID returns a random key id other than the current one.
func (s *Store) newKeyID() uint32 {
	for {
		var b [4]byte
		_, _ = rand.Read(b[:])
		if id := binary.BigEndian.Uint32(b[:]); id != s.keyID {
			return id
		}
	}
}

// newSlots wraps dek under the passphrase and a new recovery key.
func newSlots(dek []byte, keyID uint32, pass string, p keys.Params) (string, []keys.Slot, error) {
	pslot, err := keys.NewPassphraseSlot(dek, keyID, pass, p)
	if err != nil {
		return "", nil, err
	}
	secret, printed := keys.NewRecoveryKey()
	defer clear(secret)
	rslot, err := keys.NewSecretSlot(keys.KindRecovery, dek, keyID, secret)
	if err != nil {
		return "", nil, err
	}
	return printed, []keys.Slot{pslot, rslot}, nil
}

// newRotation derives the new sealing and blind-index keys from dek.
func newRotation(old *seal.Key, keyID uint32, dek []byte) (*rotation, error) {
	sk := subkey(dek, "seal v1")
	defer clear(sk)
	next, err := seal.NewKey(keyID, sk)
	if err != nil {
		return nil, err
	}
	return &rotation{old: old, next: next, nextTag: subkey(dek, "setting names v1")}, nil
}

// commitRotation re-seals everything and replaces the key id and slots in
// one transaction; after the commit the store's keys are swapped under
// s.mu, so no reader picks up the old key for the new rows.
func (s *Store) commitRotation(ctx context.Context, r *rotation, keyID uint32, slots []keys.Slot) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return dbError("rotate key", err)
	}
	if err := r.rewrite(ctx, tx, keyID, slots); err != nil {
		tx.Rollback()
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := tx.Commit(); err != nil {
		return dbError("rotate key", err)
	}
	forgetKeys(s.tag)
	s.key, s.tag, s.keyID = r.next, r.nextTag, keyID
	return nil
}

// rewrite does the work of the rotation inside tx.
func (r *rotation) rewrite(ctx context.Context, tx *sql.Tx, keyID uint32, slots []keys.Slot) error {
	for _, c := range sealedColumns() {
		if err := r.resealTable(ctx, tx, c); err != nil {
			return err
		}
	}
	kid := binary.BigEndian.AppendUint32(nil, keyID)
	if _, err := tx.ExecContext(ctx, "UPDATE meta SET value = ? WHERE name = 'key_id'", kid); err != nil {
		return dbError("rotate key: write key id", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM keyslots"); err != nil {
		return dbError("rotate key: drop old slots", err)
	}
	for _, slot := range slots {
		if err := putSlot(ctx, tx, slot); err != nil {
			return err
		}
	}
	return nil
}

// resealTable re-seals column c of every row of its table, in batches by id.
func (r *rotation) resealTable(ctx context.Context, tx *sql.Tx, c sealedColumn) error {
	q := fmt.Sprintf("SELECT id, %s FROM %s WHERE id > ? ORDER BY id LIMIT %d", c.column(), c.table(), rotateBatch)
	for after := int64(-1 << 63); ; {
		ids, recs, err := readBatch(ctx, tx, q, after)
		if err != nil {
			return fmt.Errorf("rotate key: read %s: %w", c.table(), err)
		}
		if len(ids) == 0 {
			return nil
		}
		for i, id := range ids {
			if err := r.resealRow(ctx, tx, c.place(id), recs[i]); err != nil {
				return err
			}
		}
		after = ids[len(ids)-1]
	}
}

// readBatch returns the ids and sealed values of the next batch.
func readBatch(ctx context.Context, tx *sql.Tx, q string, after int64) ([]int64, [][]byte, error) {
	rows, err := tx.QueryContext(ctx, q, after)
	if err != nil {
		return nil, nil, dbError("read", err)
	}
	defer rows.Close()
	var ids []int64
	var recs [][]byte
	for rows.Next() {
		var id int64
		var rec []byte
		if err := rows.Scan(&id, &rec); err != nil {
			return nil, nil, dbError("read", err)
		}
		ids, recs = append(ids, id), append(recs, rec)
	}
	return ids, recs, dbError("read", rows.Err())
}

// resealRow opens one value under the old key and seals it under the new
// one at the same place. A value that does not open stops the rotation:
// nothing is changed, and the error names the row.
func (r *rotation) resealRow(ctx context.Context, tx *sql.Tx, p seal.Place, rec []byte) error {
	plain, err := r.old.Open(p, rec)
	if err != nil {
		return fmt.Errorf("rotate key: open %s row %d column %s: %w: %w", p.Table, p.Row, p.Column, ErrTampered, err)
	}
	defer clear(plain)
	q := fmt.Sprintf("UPDATE %s SET %s = ? WHERE id = ?", p.Table, p.Column)
	args := []any{r.next.Seal(p, plain), p.Row}
	if column, name, ok, err := blindIndexOf(p, plain); err != nil {
		return err
	} else if ok {
		q = fmt.Sprintf("UPDATE %s SET %s = ?, %s = ? WHERE id = ?", p.Table, p.Column, column)
		args = []any{args[0], r.tagOf(name), p.Row}
	}
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return dbError("rotate key: write "+p.Table, err)
	}
	return nil
}

// blindIndexOf returns, for a row of a table with a blind index (a
// keyed tag by which rows are found without their plaintext), the tag's
// column and the name the tag is computed over, read from the value
// sealed in the same row; ok is false for tables without one. A rotation
// recomputes every such tag under the new key, or rows could no longer be
// found by name, path or model.
func blindIndexOf(p seal.Place, plain []byte) (column, name string, ok bool, err error) {
	decode := func(v any) error {
		if err := json.Unmarshal(plain, v); err != nil {
			return fmt.Errorf("rotate key: decode %s row %d: %w: %w", p.Table, p.Row, ErrCorrupt, err)
		}
		return nil
	}
	switch p.Table {
	case colSettingValue.table():
		var v setting
		err := decode(&v)
		return "name_tag", v.Name, true, err
	case colChunkVector.table():
		var v vectorBody
		err := decode(&v)
		return "model_tag", v.Model.tagName(), true, err
	case colSourceBody.table():
		var v sourceBody
		err := decode(&v)
		return "path_tag", libraryPathName("source", v.Path), true, err
	case colFileBody.table():
		var v fileBody
		err := decode(&v)
		return "path_tag", libraryPathName("file", v.Path), true, err
	}
	return "", "", false, nil
}

// tagOf is the blind-index tag of name under the new key.
func (r *rotation) tagOf(name string) []byte {
	h := hmac.New(sha256.New, r.nextTag)
	h.Write([]byte(name))
	return h.Sum(nil)
}
