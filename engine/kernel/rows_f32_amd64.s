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

// func dotRowsAVX2(dst *float32, x *float32, rows *float32, stride, n, m int)
//
// dotRowsAVX2 sets dst[j] = dotF32AVX2(x, row j, m) for n rows (n even, at
// least 2), stride float32 apart, two rows at a time so that each load of x
// serves both; m is a positive multiple of 8. Each row gets dotF32AVX2's
// four accumulators (Y0-Y3 for the first row of a pair, Y4-Y7 for the
// second), the same FMAs in the same order and the same final additions,
// so each result is the same bit for bit. Registers: SI x, R10 R11 the two
// rows, DI dst, R9 the stride in bytes, BX pairs left, CX elements left.
TEXT ·dotRowsAVX2(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ rows+16(FP), R10
	MOVQ stride+24(FP), R9
	SHLQ $2, R9
	MOVQ n+32(FP), BX
	SHRQ $1, BX

pair:
	MOVQ   x+8(FP), SI
	LEAQ   (R10)(R9*1), R11
	MOVQ   m+40(FP), CX
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7
	MOVQ   R10, R12
	SUBQ   $32, CX
	JB     rest

loop:
	VMOVUPS     (SI), Y8
	VMOVUPS     32(SI), Y9
	VMOVUPS     64(SI), Y10
	VMOVUPS     96(SI), Y11
	VFMADD231PS (R12), Y8, Y0
	VFMADD231PS 32(R12), Y9, Y1
	VFMADD231PS 64(R12), Y10, Y2
	VFMADD231PS 96(R12), Y11, Y3
	VFMADD231PS (R11), Y8, Y4
	VFMADD231PS 32(R11), Y9, Y5
	VFMADD231PS 64(R11), Y10, Y6
	VFMADD231PS 96(R11), Y11, Y7
	ADDQ        $128, SI
	ADDQ        $128, R12
	ADDQ        $128, R11
	SUBQ        $32, CX
	JAE         loop

rest:
	ADDQ $32, CX
	JZ   sum

eight:
	VMOVUPS     (SI), Y8
	VFMADD231PS (R12), Y8, Y0
	VFMADD231PS (R11), Y8, Y4
	ADDQ        $32, SI
	ADDQ        $32, R12
	ADDQ        $32, R11
	SUBQ        $8, CX
	JNZ         eight

sum:
	VADDPS       Y1, Y0, Y0
	VADDPS       Y3, Y2, Y2
	VADDPS       Y2, Y0, Y0
	VEXTRACTF128 $1, Y0, X1
	VADDPS       X1, X0, X0
	VMOVHLPS     X0, X0, X1
	VADDPS       X1, X0, X0
	VMOVSHDUP    X0, X1
	VADDSS       X1, X0, X0
	MOVSS        X0, (DI)
	VADDPS       Y5, Y4, Y4
	VADDPS       Y7, Y6, Y6
	VADDPS       Y6, Y4, Y4
	VEXTRACTF128 $1, Y4, X5
	VADDPS       X5, X4, X4
	VMOVHLPS     X4, X4, X5
	VADDPS       X5, X4, X4
	VMOVSHDUP    X4, X5
	VADDSS       X5, X4, X4
	MOVSS        X4, 4(DI)
	ADDQ         $8, DI
	LEAQ         (R10)(R9*2), R10
	DECQ         BX
	JNZ          pair
	VZEROUPPER
	RET
