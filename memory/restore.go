package memory

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/hearth-app/hearth/memory/internal/keys"
	"github.com/hearth-app/hearth/memory/internal/seal"
)

// backupHead is the parsed clear header of a backup.
type backupHead struct {
	raw     []byte
	keyID   uint32
	salt    []byte
	storeID string
	slots   map[keys.Kind]keys.Slot
}

// readBackupHead parses the header of a backup file. It trusts nothing:
// every length is bounded and checked.
func readBackupHead(r *bufio.Reader) (backupHead, error) {
	var h backupHead
	fixed := make([]byte, len(backupMagic)+1+4+16+1)
	if _, err := io.ReadFull(r, fixed); err != nil || string(fixed[:8]) != backupMagic || fixed[8] != backupVersion {
		return h, fmt.Errorf("read backup header: %w", ErrBadBackup)
	}
	h.keyID, h.salt = binary.BigEndian.Uint32(fixed[9:13]), fixed[13:29]
	id := make([]byte, int(fixed[29])+1)
	if _, err := io.ReadFull(r, id); err != nil {
		return h, fmt.Errorf("read backup header: %w", ErrBadBackup)
	}
	h.storeID, h.raw = string(id[:len(id)-1]), append(fixed, id...)
	h.slots = map[keys.Kind]keys.Slot{}
	for range int(id[len(id)-1]) {
		var l [2]byte
		if _, err := io.ReadFull(r, l[:]); err != nil {
			return h, fmt.Errorf("read backup slot: %w", ErrBadBackup)
		}
		b := make([]byte, binary.BigEndian.Uint16(l[:]))
		if _, err := io.ReadFull(r, b); err != nil {
			return h, fmt.Errorf("read backup slot: %w", ErrBadBackup)
		}
		slot, err := keys.ParseSlot(b) // refuses KDF parameters above the ceiling
		if err != nil {
			return h, fmt.Errorf("read backup slot: %w: %w", ErrBadBackup, err)
		}
		if slot.KeyID != h.keyID {
			return h, fmt.Errorf("read backup slot: %w", ErrBadBackup)
		}
		h.slots[slot.Kind] = slot
		h.raw = append(append(h.raw, l[:]...), b...)
	}
	return h, nil
}

// readFrames decrypts the frames after the header into w and checks that
// the final frame was seen.
func readFrames(r *bufio.Reader, key *seal.Key, hdr []byte, w io.Writer) error {
	for i := int64(0); ; i++ {
		var l [4]byte
		if _, err := io.ReadFull(r, l[:]); err != nil {
			return fmt.Errorf("read backup frame %d: truncated: %w", i, ErrBadBackup)
		}
		n := binary.BigEndian.Uint32(l[:])
		if n > backupFrame+64*1024 {
			return fmt.Errorf("read backup frame %d: length %d: %w", i, n, ErrBadBackup)
		}
		frame := make([]byte, n)
		if _, err := io.ReadFull(r, frame); err != nil {
			return fmt.Errorf("read backup frame %d: truncated: %w", i, ErrBadBackup)
		}
		b, err := key.Open(framePlace(hdr, i, false), frame)
		last := false
		if err != nil {
			b, err = key.Open(framePlace(hdr, i, true), frame)
			last = true
		}
		if err != nil {
			return fmt.Errorf("read backup frame %d: %w: %w", i, ErrBadBackup, err)
		}
		if _, err := w.Write(b); err != nil {
			return fmt.Errorf("restore: %w", err)
		}
		if last {
			return nil
		}
	}
}

// Restore recreates a store in dir (which must hold none) from a backup
// made by Backup, unlocking it with u, and returns it open.
func Restore(ctx context.Context, rd io.Reader, dir string, u Unlocker, opts ...Option) (*Store, error) {
	if _, err := os.Stat(filepath.Join(dir, dbFile)); err == nil {
		return nil, fmt.Errorf("restore into %s: %w", dir, ErrExists)
	}
	o := newOptions(opts)
	r := bufio.NewReader(rd)
	h, err := readBackupHead(r)
	if err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	dek, err := u.unlock(ctx, &unlocking{slots: h.slots, floor: o.floor, storeID: h.storeID})
	if err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	key, err := seal.NewKey(h.keyID, subkey(append(subkey(dek, "setting names v1"), h.salt...), "backup v1"))
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	lock, err := LockDir(dir)
	if err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	s, err := restoreLocked(ctx, r, h.raw, dir, key, dek, o, lock)
	if err != nil {
		lock.Release()
		return nil, err
	}
	return s, nil
}

// restoreLocked writes the restored database beside its final name and
// renames it into place once complete and checked, with the store lock
// held; a kill leaves no hearth.db or a complete one.
func restoreLocked(ctx context.Context, r *bufio.Reader, hdr []byte, dir string, key *seal.Key, dek []byte, o options, lock *DirLock) (*Store, error) {
	final := filepath.Join(dir, dbFile)
	if _, err := os.Stat(final); err == nil {
		return nil, fmt.Errorf("restore into %s: %w", dir, ErrExists)
	}
	tmp := final + ".restoring"
	if err := writeRestored(ctx, r, key, hdr, tmp); err != nil {
		removeDB(tmp)
		return nil, fmt.Errorf("restore: %w", err)
	}
	if err := os.Rename(tmp, final); err != nil {
		removeDB(tmp)
		return nil, fmt.Errorf("restore: %w", err)
	}
	syncDir(dir)
	s, err := openWithKey(ctx, dir, dek, o, lock)
	if err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	return s, nil
}

func writeRestored(ctx context.Context, r *bufio.Reader, key *seal.Key, hdr []byte, path string) error {
	removeDB(path)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if err := readFrames(r, key, hdr, f); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return verifyDB(ctx, path)
}
