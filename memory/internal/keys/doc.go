// Package keys protects the store's data key.
//
// The data key (DEK) is 256 random bits. It never touches the disk in the
// clear: each way of unlocking the store is a Slot that holds the DEK
// sealed under a key-encryption key (KEK):
//
//   - a passphrase slot derives its KEK with Argon2id from the passphrase
//     (normalised to Unicode NFC), a random salt and stored parameters;
//   - a recovery slot derives it with HKDF from a printed recovery key;
//   - a keyring slot derives it with HKDF from a random secret kept in the
//     OS keyring.
//
// The slot's kind, salt, KDF parameters and the store's key id are the
// associated data of the wrap, so none of them can be changed without the
// unwrap failing. Parameters below a floor or above a ceiling are refused
// before any work: a damaged slot must not make Argon2id ask for terabytes.
package keys
