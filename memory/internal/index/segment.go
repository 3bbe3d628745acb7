package index

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	zap "github.com/blevesearch/zapx/v16"
)

// ErrSnapshot reports snapshot bytes that are not a segment this code can
// load; the caller should rebuild the index from the store.
var ErrSnapshot = errors.New("index: unusable snapshot")

// encodeSegment writes sb in zap's file format (data then footer) into
// a buffer of exactly its size.
func encodeSegment(sb *zap.SegmentBase) ([]byte, error) {
	var size countWriter
	if _, err := sb.WriteTo(&size); err != nil {
		return nil, fmt.Errorf("encode segment: %w", err)
	}
	buf := bytes.NewBuffer(make([]byte, 0, int(size)))
	if _, err := sb.WriteTo(buf); err != nil {
		return nil, fmt.Errorf("encode segment: %w", err)
	}
	return buf.Bytes(), nil
}

// countWriter counts the bytes written to it and keeps none.
type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

// decodeSegment parses zap's footer — numDocs, stored index, fields
// index, sections index, doc values offsets (8 bytes each), chunk mode,
// version and CRC (4 bytes each), all big endian — and builds an
// in-memory segment over the data before it.
func decodeSegment(b []byte, config map[string]interface{}) (seg *zap.SegmentBase, err error) {
	if len(b) < zap.FooterSize {
		return nil, fmt.Errorf("decode segment of %d bytes: %w", len(b), ErrSnapshot)
	}
	f := b[len(b)-zap.FooterSize:]
	u64 := func(i int) uint64 { return binary.BigEndian.Uint64(f[i*8:]) }
	numDocs, stored, sections := u64(0), u64(1), u64(3)
	chunkMode := binary.BigEndian.Uint32(f[40:])
	version := binary.BigEndian.Uint32(f[44:])
	crc := binary.BigEndian.Uint32(f[48:])
	if version != zap.Version {
		return nil, fmt.Errorf("decode segment: zap version %d: %w", version, ErrSnapshot)
	}
	mem := b[:len(b)-zap.FooterSize]
	if stored > uint64(len(mem)) || sections > uint64(len(mem)) {
		return nil, fmt.Errorf("decode segment: offsets out of range: %w", ErrSnapshot)
	}
	defer func() { // zap trusts its input; sealed bytes are authentic, but be safe.
		if r := recover(); r != nil {
			seg, err = nil, fmt.Errorf("decode segment: %v: %w", r, ErrSnapshot)
		}
	}()
	sb, err := zap.InitSegmentBase(mem, crc, chunkMode, numDocs, stored, sections, config)
	if err != nil {
		return nil, fmt.Errorf("decode segment: %w: %w", err, ErrSnapshot)
	}
	return sb, nil
}
