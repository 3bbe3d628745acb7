//go:build amd64

#include "textflag.h"

DATA q8abs<>+0(SB)/4, $0x7fffffff
GLOBL q8abs<>(SB), RODATA|NOPTR, $4
DATA q8max<>+0(SB)/4, $127.0
GLOBL q8max<>(SB), RODATA|NOPTR, $4

// func quantizeQ8AVX512(x *float32, q *int8, amax *float32, sum *float32, nb int)
//
// quantizeQ8AVX512 does the integer part of quantizeQ8 for nb ≥ 1 blocks of
// 32: for each block, amax[b] = max |x|, q = x·(127/amax) rounded half to
// even (VCVTPS2DQ under Go's default rounding mode; 0 when amax is 0), and
// sum[b] = Σ q as float32 (exact: |Σ q| ≤ 4064). The float32 operations
// are quantizeQ8's, so the results are the same bit for bit. Registers: SI
// x, DI q, R8 amax, R9 sum, CX blocks left; Z8 the abs mask, Z9 127, Z10
// zero.
TEXT ·quantizeQ8AVX512(SB), NOSPLIT, $0-40
	MOVQ x+0(FP), SI
	MOVQ q+8(FP), DI
	MOVQ amax+16(FP), R8
	MOVQ sum+24(FP), R9
	MOVQ nb+32(FP), CX
	VPBROADCASTD q8abs<>(SB), Z8
	VBROADCASTSS q8max<>(SB), Z9
	VPXORD       Z10, Z10, Z10

block:
	VMOVUPS (SI), Z0
	VMOVUPS 64(SI), Z1
	VPANDD  Z8, Z0, Z2
	VPANDD  Z8, Z1, Z3
	VMAXPS  Z3, Z2, Z2
	VSHUFF32X4 $0x4E, Z2, Z2, Z3
	VMAXPS  Z3, Z2, Z2
	VSHUFF32X4 $0xB1, Z2, Z2, Z3
	VMAXPS  Z3, Z2, Z2
	VPERMILPS $0x4E, Z2, Z3
	VMAXPS  Z3, Z2, Z2
	VPERMILPS $0xB1, Z2, Z3
	VMAXPS  Z3, Z2, Z2
	VMOVSS  X2, (R8)
	VDIVPS  Z2, Z9, Z4
	VCMPPS  $0, Z10, Z2, K1
	VMOVAPS Z10, K1, Z4
	VMULPS  Z4, Z0, Z0
	VMULPS  Z4, Z1, Z1
	VCVTPS2DQ Z0, Z0
	VCVTPS2DQ Z1, Z1
	VPMOVSDB Z0, (DI)
	VPMOVSDB Z1, 16(DI)
	VPADDD  Z1, Z0, Z2
	VSHUFI32X4 $0x4E, Z2, Z2, Z3
	VPADDD  Z3, Z2, Z2
	VSHUFI32X4 $0xB1, Z2, Z2, Z3
	VPADDD  Z3, Z2, Z2
	VPSHUFD $0x4E, Z2, Z3
	VPADDD  Z3, Z2, Z2
	VPSHUFD $0xB1, Z2, Z3
	VPADDD  Z3, Z2, Z2
	VCVTDQ2PS X2, X2
	VMOVSS  X2, (R9)
	ADDQ    $128, SI
	ADDQ    $32, DI
	ADDQ    $4, R8
	ADDQ    $4, R9
	DECQ    CX
	JNZ     block
	VZEROUPPER
	RET
