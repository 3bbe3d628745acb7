#include "textflag.h"

// func axpyQ8RowsAVX2(dst *float32, w *float32, rows *byte, stride, n, nb int)
// dst goes a block of 32 elements (Y0-Y3) at a time; each block takes the
// FMAs of all rows in order of j before it is stored. Registers: DI the
// block of dst, R9 the block in row 0, R10 the stride in bytes, R11 n, R12
// w, R13 blocks left; per block SI the row's block, DX the weight, CX rows
// left, Y15 the weight broadcast, Y8 the block's scale broadcast.
TEXT ·axpyQ8RowsAVX2(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ w+8(FP), R12
	MOVQ rows+16(FP), R9
	MOVQ stride+24(FP), R10
	MOVQ n+32(FP), R11
	MOVQ nb+40(FP), R13

block:
	TESTQ   R13, R13
	JZ      done
	VMOVUPS (DI), Y0
	VMOVUPS 32(DI), Y1
	VMOVUPS 64(DI), Y2
	VMOVUPS 96(DI), Y3
	MOVQ    R9, SI
	MOVQ    R12, DX
	MOVQ    R11, CX

row:
	VBROADCASTSS (DX), Y15
	MOVWLZX      (SI), AX
	VMOVD        AX, X8
	VCVTPH2PS    X8, X8
	VBROADCASTSS X8, Y8
	VPMOVSXBD    2(SI), Y9
	VCVTDQ2PS    Y9, Y9
	VMULPS       Y8, Y9, Y9
	VFMADD231PS  Y9, Y15, Y0
	VPMOVSXBD    10(SI), Y10
	VCVTDQ2PS    Y10, Y10
	VMULPS       Y8, Y10, Y10
	VFMADD231PS  Y10, Y15, Y1
	VPMOVSXBD    18(SI), Y11
	VCVTDQ2PS    Y11, Y11
	VMULPS       Y8, Y11, Y11
	VFMADD231PS  Y11, Y15, Y2
	VPMOVSXBD    26(SI), Y12
	VCVTDQ2PS    Y12, Y12
	VMULPS       Y8, Y12, Y12
	VFMADD231PS  Y12, Y15, Y3
	ADDQ         $4, DX
	ADDQ         R10, SI
	DECQ         CX
	JNZ          row

	VMOVUPS Y0, (DI)
	VMOVUPS Y1, 32(DI)
	VMOVUPS Y2, 64(DI)
	VMOVUPS Y3, 96(DI)
	ADDQ    $128, DI
	ADDQ    $34, R9
	DECQ    R13
	JMP     block

done:
	VZEROUPPER
	RET
