//go:build amd64

#include "textflag.h"

// Attention's products over many F16 cache rows in one call (rows.go). Each
// row goes through exactly the instructions of dotF16AVX2 or axpyF16AVX2 in
// dot_float_amd64.s, in the same order, so the results match the per-row
// calls bit for bit; only the loop over the rows moves into assembly.

// REDUCEROW adds the lanes of Y0-Y3 into X0, as REDUCE in
// dot_float_amd64.s does (without its VZEROUPPER, done once at the end).
#define REDUCEROW \
	VADDPS Y1, Y0, Y0; \
	VADDPS Y3, Y2, Y2; \
	VADDPS Y2, Y0, Y0; \
	VEXTRACTF128 $1, Y0, X1; \
	VADDPS X1, X0, X0; \
	VMOVHLPS X0, X0, X1; \
	VADDPS X1, X0, X0; \
	VMOVSHDUP X0, X1; \
	VADDSS X1, X0, X0

// func dotF16RowsAVX2(dst *float32, rows *uint16, stride, n int, x *float32, hd int, scale float32)
// Registers: R8 dst, R9 the row, R10 the stride in bytes, R11 rows left,
// R12 x, R13 hd; per row SI, DI and CX as in dotF16AVX2. X8 holds +0 and
// X9 the scale.
TEXT ·dotF16RowsAVX2(SB), NOSPLIT, $0-52
	MOVQ   dst+0(FP), R8
	MOVQ   rows+8(FP), R9
	MOVQ   stride+16(FP), R10
	SHLQ   $1, R10
	MOVQ   n+24(FP), R11
	MOVQ   x+32(FP), R12
	MOVQ   hd+40(FP), R13
	MOVSS  scale+48(FP), X9
	VXORPS X8, X8, X8

row:
	MOVQ   R9, SI
	MOVQ   R12, DI
	MOVQ   R13, CX
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	SUBQ   $32, CX
	JB     rest

loop:
	VCVTPH2PS   (SI), Y4
	VFMADD231PS (DI), Y4, Y0
	VCVTPH2PS   16(SI), Y5
	VFMADD231PS 32(DI), Y5, Y1
	VCVTPH2PS   32(SI), Y6
	VFMADD231PS 64(DI), Y6, Y2
	VCVTPH2PS   48(SI), Y7
	VFMADD231PS 96(DI), Y7, Y3
	ADDQ        $64, SI
	ADDQ        $128, DI
	SUBQ        $32, CX
	JAE         loop

rest:
	ADDQ $32, CX
	JZ   done

eight:
	VCVTPH2PS   (SI), Y4
	VFMADD231PS (DI), Y4, Y0
	ADDQ        $16, SI
	ADDQ        $32, DI
	SUBQ        $8, CX
	JNZ         eight

done:
	REDUCEROW
	VADDSS X8, X0, X0
	VMULSS X9, X0, X0
	MOVSS  X0, (R8)
	ADDQ   $4, R8
	ADDQ   R10, R9
	DECQ   R11
	JNZ    row
	VZEROUPPER
	RET

// func axpyF16RowsAVX2(dst *float32, w *float32, rows *uint16, stride, n, hd int)
// dst goes in blocks of 64 elements (Y0-Y7), then of 8 (Y0); each block
// takes the FMAs of all rows in order of j before it is stored. Registers:
// DI the block of dst, R9 its column in row 0, R10 the stride in bytes, R11
// n, R12 w, R13 elements of dst left; per block SI the row, DX the weight,
// CX rows left, Y15 the weight broadcast.
TEXT ·axpyF16RowsAVX2(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ w+8(FP), R12
	MOVQ rows+16(FP), R9
	MOVQ stride+24(FP), R10
	SHLQ $1, R10
	MOVQ n+32(FP), R11
	MOVQ hd+40(FP), R13

block64:
	CMPQ    R13, $64
	JB      block8
	VMOVUPS (DI), Y0
	VMOVUPS 32(DI), Y1
	VMOVUPS 64(DI), Y2
	VMOVUPS 96(DI), Y3
	VMOVUPS 128(DI), Y4
	VMOVUPS 160(DI), Y5
	VMOVUPS 192(DI), Y6
	VMOVUPS 224(DI), Y7
	MOVQ    R9, SI
	MOVQ    R12, DX
	MOVQ    R11, CX

row64:
	VBROADCASTSS (DX), Y15
	VCVTPH2PS    (SI), Y8
	VFMADD231PS  Y8, Y15, Y0
	VCVTPH2PS    16(SI), Y9
	VFMADD231PS  Y9, Y15, Y1
	VCVTPH2PS    32(SI), Y10
	VFMADD231PS  Y10, Y15, Y2
	VCVTPH2PS    48(SI), Y11
	VFMADD231PS  Y11, Y15, Y3
	VCVTPH2PS    64(SI), Y12
	VFMADD231PS  Y12, Y15, Y4
	VCVTPH2PS    80(SI), Y13
	VFMADD231PS  Y13, Y15, Y5
	VCVTPH2PS    96(SI), Y14
	VFMADD231PS  Y14, Y15, Y6
	VCVTPH2PS    112(SI), Y8
	VFMADD231PS  Y8, Y15, Y7
	ADDQ         $4, DX
	ADDQ         R10, SI
	DECQ         CX
	JNZ          row64

	VMOVUPS Y0, (DI)
	VMOVUPS Y1, 32(DI)
	VMOVUPS Y2, 64(DI)
	VMOVUPS Y3, 96(DI)
	VMOVUPS Y4, 128(DI)
	VMOVUPS Y5, 160(DI)
	VMOVUPS Y6, 192(DI)
	VMOVUPS Y7, 224(DI)
	ADDQ    $256, DI
	ADDQ    $128, R9
	SUBQ    $64, R13
	JMP     block64

block8:
	TESTQ   R13, R13
	JZ      axpydone
	VMOVUPS (DI), Y0
	MOVQ    R9, SI
	MOVQ    R12, DX
	MOVQ    R11, CX

row8:
	VBROADCASTSS (DX), Y15
	VCVTPH2PS    (SI), Y8
	VFMADD231PS  Y8, Y15, Y0
	ADDQ         $4, DX
	ADDQ         R10, SI
	DECQ         CX
	JNZ          row8

	VMOVUPS Y0, (DI)
	ADDQ    $32, DI
	ADDQ    $16, R9
	SUBQ    $8, R13
	JMP     block8

axpydone:
	VZEROUPPER
	RET
