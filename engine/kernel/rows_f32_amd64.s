//go:build amd64

#include "textflag.h"

// func axpyRowsAVX2(dst *float32, w *float32, rows *float32, stride, n, m int)
//
// axpyRowsAVX2 does axpyAVX2(dst, w[j], row j, m) for the n > 0 rows, stride
// float32 apart, in order of j, for m a positive multiple of 8: 32 elements
// of dst (then 8) stay in registers across all the rows, and each element
// gets the FMAs axpyAVX2 gives it, in the same order. Registers: DI dst, SI
// the rows at the current column, DX w, R9 the stride in bytes, CX columns
// left, R10 the current row, R11 rows left, Y0-Y3 dst, Y4 w[j].
TEXT ·axpyRowsAVX2(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ w+8(FP), DX
	MOVQ rows+16(FP), SI
	MOVQ stride+24(FP), R9
	SHLQ $2, R9
	MOVQ m+40(FP), CX

wide:
	CMPQ CX, $32
	JB   narrow
	VMOVUPS (DI), Y0
	VMOVUPS 32(DI), Y1
	VMOVUPS 64(DI), Y2
	VMOVUPS 96(DI), Y3
	MOVQ    SI, R10
	MOVQ    DX, R8
	MOVQ    n+32(FP), R11

wrow:
	VBROADCASTSS (R8), Y4
	VFMADD231PS  (R10), Y4, Y0
	VFMADD231PS  32(R10), Y4, Y1
	VFMADD231PS  64(R10), Y4, Y2
	VFMADD231PS  96(R10), Y4, Y3
	ADDQ         $4, R8
	ADDQ         R9, R10
	DECQ         R11
	JNZ          wrow
	VMOVUPS      Y0, (DI)
	VMOVUPS      Y1, 32(DI)
	VMOVUPS      Y2, 64(DI)
	VMOVUPS      Y3, 96(DI)
	ADDQ         $128, DI
	ADDQ         $128, SI
	SUBQ         $32, CX
	JMP          wide

narrow:
	TESTQ CX, CX
	JZ    done
	VMOVUPS (DI), Y0
	MOVQ    SI, R10
	MOVQ    DX, R8
	MOVQ    n+32(FP), R11

nrow:
	VBROADCASTSS (R8), Y4
	VFMADD231PS  (R10), Y4, Y0
	ADDQ         $4, R8
	ADDQ         R9, R10
	DECQ         R11
	JNZ          nrow
	VMOVUPS      Y0, (DI)
	ADDQ         $32, DI
	ADDQ         $32, SI
	SUBQ         $8, CX
	JMP          narrow

done:
	VZEROUPPER
	RET
