package seal

import "encoding/binary"

// Place names where a sealed value is stored. It is bound into the
// associated data of the record, so a record only opens at its own place.
type Place struct {
	Table  string
	Row    int64
	Column string
}

// adLabel starts every associated data string so records of this format
// cannot be confused with other uses of the same key.
const adLabel = "hearth.seal"

// associatedData encodes version, key id and place without ambiguity:
// every variable-length field is length-prefixed.
func associatedData(version byte, keyID uint32, p Place) []byte {
	ad := make([]byte, 0, len(adLabel)+32+len(p.Table)+len(p.Column))
	ad = append(ad, adLabel...)
	ad = append(ad, 0, version)
	ad = binary.BigEndian.AppendUint32(ad, keyID)
	ad = binary.AppendUvarint(ad, uint64(len(p.Table)))
	ad = append(ad, p.Table...)
	ad = binary.BigEndian.AppendUint64(ad, uint64(p.Row))
	ad = binary.AppendUvarint(ad, uint64(len(p.Column)))
	ad = append(ad, p.Column...)
	return ad
}
