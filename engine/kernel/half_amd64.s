//go:build amd64

#include "textflag.h"

// func roundF16AVX2(dst, src *float32, n int)
//
// roundF16AVX2 rounds the n float32 values at src (n a multiple of 8) to
// binary16, nearest even (F16C's VCVTPS2PH with immediate 0), and writes
// them back as float32 at dst.
TEXT ·roundF16AVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	SHRQ $3, CX
	JZ   done

loop:
	VMOVUPS   (SI), Y0
	VCVTPS2PH $0, Y0, X1
	VCVTPH2PS X1, Y2
	VMOVUPS   Y2, (DI)
	ADDQ      $32, SI
	ADDQ      $32, DI
	DECQ      CX
	JNZ       loop

done:
	VZEROUPPER
	RET

// func toF16AVX2(dst *uint16, src *float32, n int)
//
// toF16AVX2 rounds the n float32 values at src (n a multiple of 8) to
// binary16, nearest even, and stores their bits at dst.
TEXT ·toF16AVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	SHRQ $3, CX
	JZ   bitsdone

bitsloop:
	VMOVUPS   (SI), Y0
	VCVTPS2PH $0, Y0, (DI)
	ADDQ      $32, SI
	ADDQ      $16, DI
	DECQ      CX
	JNZ       bitsloop

bitsdone:
	VZEROUPPER
	RET
