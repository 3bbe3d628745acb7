// Package seal encrypts single values for storage at rest.
//
// A sealed record is a self-describing byte string:
//
//	version (1) | key id (4, big endian) | nonce (24) | ciphertext and tag
//
// The cipher is XChaCha20-Poly1305 with a random nonce per record. The
// associated data binds the record to where it lives — format version,
// key id, table, row id and column — so a ciphertext copied to another row,
// column or table fails to open. The plaintext is padded to a size bucket
// before sealing so the stored length says little about the real length.
package seal
