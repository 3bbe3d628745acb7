// Package vecindex is the in-memory vector index over document chunks:
// exact top-k cosine search over vectors quantised to int8, one scale per
// vector, keyed by chunk id.
//
// Put L2-normalises each vector and stores it as 127-step int8 codes with
// a float32 scale (see quant.go for the error this costs); Search
// normalises and quantises the query the same way and scans every vector,
// split across cores, with an int32 dot product. The scan is exact over
// the codes: the only approximation is the quantisation itself, bounded
// per pair by ErrorBound.
//
// MarshalBinary and Unmarshal give a compact encoding for sealing at
// rest; the caller seals the bytes, this package never writes a file.
// Unmarshal trusts nothing in its input. See RATIONALE.md for why the
// scan is brute force and what it costs at 1M chunks.
package vecindex
