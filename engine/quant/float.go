package quant

import (
	"encoding/binary"
	"math"
)

// The unquantized formats: F32 (IEEE binary32), F16 (IEEE binary16) and BF16
// (bfloat16), little-endian, one element per "block". The loops go in chunks
// of 16 through array pointers so that the compiler drops the bounds checks.

const chunk = 16

func dequantizeF32(src []byte, dst []float32) {
	for ; len(dst) >= chunk; src, dst = src[4*chunk:], dst[chunk:] {
		s, d := (*[4 * chunk]byte)(src), (*[chunk]float32)(dst)
		for j := range chunk {
			d[j] = math.Float32frombits(binary.LittleEndian.Uint32(s[4*j:]))
		}
	}
	for i := range dst {
		dst[i] = math.Float32frombits(binary.LittleEndian.Uint32(src[4*i:]))
	}
}

func quantizeF32(src []float32, dst []byte) {
	for i, v := range src {
		binary.LittleEndian.PutUint32(dst[4*i:], math.Float32bits(v))
	}
}

func dequantizeF16(src []byte, dst []float32) {
	for ; len(dst) >= chunk; src, dst = src[2*chunk:], dst[chunk:] {
		s, d := (*[2 * chunk]byte)(src), (*[chunk]float32)(dst)
		for j := range chunk {
			h := binary.LittleEndian.Uint16(s[2*j:])
			f, ok := f16Normal(h)
			if !ok {
				f = f16Special(h)
			}
			d[j] = f
		}
	}
	for i := range dst {
		dst[i] = F16ToF32(binary.LittleEndian.Uint16(src[2*i:]))
	}
}

func quantizeF16(src []float32, dst []byte) {
	for i, v := range src {
		binary.LittleEndian.PutUint16(dst[2*i:], F32ToF16(v))
	}
}

func dequantizeBF16(src []byte, dst []float32) {
	for ; len(dst) >= chunk; src, dst = src[2*chunk:], dst[chunk:] {
		s, d := (*[2 * chunk]byte)(src), (*[chunk]float32)(dst)
		for j := range chunk {
			d[j] = BF16ToF32(binary.LittleEndian.Uint16(s[2*j:]))
		}
	}
	for i := range dst {
		dst[i] = BF16ToF32(binary.LittleEndian.Uint16(src[2*i:]))
	}
}

func quantizeBF16(src []float32, dst []byte) {
	for i, v := range src {
		binary.LittleEndian.PutUint16(dst[2*i:], F32ToBF16(v))
	}
}
