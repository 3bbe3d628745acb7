package memory

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/hearth-app/hearth/memory/internal/keys"
	"github.com/hearth-app/hearth/memory/internal/seal"
)

// Backup file layout (all integers big endian):
//
//	"HEARTHBK" | version (1) | key id (4) | salt (16) | store id length (1) | store id |
//	slot count (1) | { slot length (2) | slot }... |
//	{ frame length (4) | sealed frame }...
//
// The database copy (made with VACUUM INTO, so no free pages) is cut into
// frames sealed with a key derived from the data key and the salt; a
// frame's place is ("backup", index, "chunk"), the last one's column is
// "last", so reordering, dropping or truncating frames is detected. The
// header is bound to every frame through its place's table name.
const (
	backupMagic   = "HEARTHBK"
	backupVersion = 1
	backupFrame   = 1 << 20
	// backupTemp is the database copy a backup seals, inside the
	// store directory; Open removes one a killed backup left.
	backupTemp = "backup.tmp"
)

// Backup writes an encrypted copy of the whole store to w. The copy
// opens with the store's passphrase or recovery key at the time of the
// backup.
func (s *Store) Backup(ctx context.Context, w io.Writer) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.state(); err != nil {
		return err
	}
	if err := s.saveIndexLocked(ctx); err != nil {
		return err
	}
	tmp := filepath.Join(s.dir, backupTemp)
	removeDB(tmp)
	defer removeDB(tmp)
	if _, err := s.w.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return dbError("backup", err)
	}
	slots, err := s.readSlots(ctx)
	if err != nil {
		return err
	}
	f, err := os.Open(tmp)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer f.Close()
	return s.writeBackup(w, slots, f)
}

func (s *Store) writeBackup(w io.Writer, slots map[keys.Kind]keys.Slot, db io.Reader) error {
	salt := make([]byte, 16)
	_, _ = rand.Read(salt)
	hdr := backupHeader(s.keyID, salt, s.storeID, slots)
	key, err := backupKey(s, salt)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	bw.Write(hdr)
	buf := make([]byte, backupFrame)
	for i := int64(0); ; i++ {
		n, rerr := io.ReadFull(db, buf)
		last := rerr == io.EOF || rerr == io.ErrUnexpectedEOF
		if rerr != nil && !last {
			return fmt.Errorf("backup: %w", rerr)
		}
		frame := key.Seal(framePlace(hdr, i, last), buf[:n])
		bw.Write(binary.BigEndian.AppendUint32(nil, uint32(len(frame))))
		bw.Write(frame)
		if last {
			break
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

func backupHeader(keyID uint32, salt []byte, storeID string, slots map[keys.Kind]keys.Slot) []byte {
	h := append([]byte(backupMagic), backupVersion)
	h = binary.BigEndian.AppendUint32(h, keyID)
	h = append(h, salt...)
	h = append(h, byte(len(storeID)))
	h = append(h, storeID...)
	kinds := []keys.Kind{keys.KindPassphrase, keys.KindRecovery}
	var n byte
	for _, k := range kinds {
		if _, ok := slots[k]; ok {
			n++
		}
	}
	h = append(h, n)
	for _, k := range kinds {
		if slot, ok := slots[k]; ok {
			b, _ := slot.MarshalBinary()
			h = binary.BigEndian.AppendUint16(h, uint16(len(b)))
			h = append(h, b...)
		}
	}
	return h
}

func framePlace(hdr []byte, i int64, last bool) seal.Place {
	col := "chunk"
	if last {
		col = "last"
	}
	return seal.Place{Table: "backup " + string(hdr), Row: i, Column: col}
}

func backupKey(s *Store, salt []byte) (*seal.Key, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.tag == nil {
		return nil, ErrLocked
	}
	// The backup key derives from the setting-name key's parent secret
	// through its own label and salt; it never seals store rows.
	return seal.NewKey(s.keyID, subkey(append(append([]byte(nil), s.tag...), salt...), "backup v1"))
}

// verifyDB opens a restored database file read-only and checks it.
func verifyDB(ctx context.Context, path string) error {
	w, r, err := openDB(path)
	if err != nil {
		return err
	}
	defer w.Close()
	defer r.Close()
	if _, err := w.ExecContext(ctx, "PRAGMA journal_mode=WAL"); err != nil {
		return dbError("check restored database", err)
	}
	var res string
	if err := r.QueryRowContext(ctx, "PRAGMA integrity_check(1)").Scan(&res); err != nil {
		return dbError("check restored database", err)
	}
	if res != "ok" {
		return fmt.Errorf("check restored database: %s: %w", res, ErrBadBackup)
	}
	return nil
}
