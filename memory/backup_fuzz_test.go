package memory

import (
	"bufio"
	"bytes"
	"testing"

	"github.com/hearth-app/hearth/memory/internal/keys"
	"github.com/hearth-app/hearth/memory/internal/seal"
)

// FuzzReadBackup feeds arbitrary bytes to the backup parser: header, key
// slots and frames. It must never panic, and never accept a frame that
// was not sealed with the key for its header.
func FuzzReadBackup(f *testing.F) {
	dek := bytes.Repeat([]byte{3}, 32)
	slot, _ := keys.NewSecretSlot(keys.KindRecovery, dek, 9, dek)
	hdr := backupHeader(9, make([]byte, 16), "store", map[keys.Kind]keys.Slot{keys.KindRecovery: slot})
	key, _ := seal.NewKey(9, dek)
	var good bytes.Buffer
	good.Write(hdr)
	frame := key.Seal(framePlace(hdr, 0, true), []byte("db"))
	good.Write([]byte{0, 0, 0, byte(len(frame))})
	good.Write(frame)
	f.Add(good.Bytes())
	f.Add(hdr)
	f.Add([]byte(backupMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		r := bufio.NewReader(bytes.NewReader(b))
		h, err := readBackupHead(r)
		if err != nil {
			return
		}
		var out bytes.Buffer
		// Every authentic frame in the corpus holds "db": anything else
		// accepted would be a forgery.
		if err := readFrames(r, key, h.raw, &out); err == nil && out.String() != "db" {
			t.Fatalf("forged frames accepted: %q", out.Bytes())
		}
	})
}
