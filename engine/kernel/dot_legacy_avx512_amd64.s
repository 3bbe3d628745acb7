//go:build amd64

#include "textflag.h"

// AVX-512 VNNI versions of the Q8_0 and Q4_0 row kernels: two blocks per
// 512-bit register, their byte products summed exactly by VPDPBUSD into 16
// int32 lanes (8 per block), converted to float32 and accumulated with FMA
// times a register holding block 0's scale in the low 8 lanes and block 1's
// in the high 8. Four blocks per step go to Z0 and Z7; a last odd block goes
// through the 256-bit code. Registers: SI weights, DI activation bytes, DX
// activation scales, CX blocks left; Z30 zero, Z29 bytes 0x0F, Z28 the
// permutation (0×8, 1×8) that spreads two scales, Z27 bytes 8; Y13-Y15 as
// in dot_legacy_amd64.s.

// SCALE broadcasts (f16 at w) · (float32 at a) to all lanes of Y.
#define SCALE(w, a, X, Y) \
	MOVWLZX w, AX; \
	VMOVD AX, X; \
	VCVTPH2PS X, X; \
	VMULSS a, X, X; \
	VBROADCASTSS X, Y

// SCALES2 sets Z4 to 8 lanes of (f16 at s0)·(float32 at d) then 8 lanes of
// (f16 at s1)·(float32 at d+4).
#define SCALES2(s0, s1, d) \
	MOVWLZX s0, AX; \
	MOVWLZX s1, BX; \
	SHLL $16, BX; \
	ORL BX, AX; \
	VMOVD AX, X4; \
	VCVTPH2PS X4, X4; \
	VMOVQ d, X5; \
	VMULPS X5, X4, X4; \
	VPERMPS Z4, Z28, Z4

// Q8PAIR adds to ACC the products of two Q8_0 blocks (32 weight bytes at w0
// and at w1, scales at s0 and s1) with the 64 activation bytes at x. The
// sign trick as in 256 bits, with a mask: |w| times x negated where w < 0.
#define Q8PAIR(w0, w1, s0, s1, x, d, ACC) \
	VMOVDQU w0, Y1; \
	VINSERTI64X4 $1, w1, Z1, Z1; \
	VMOVDQU64 x, Z2; \
	VPMOVB2M Z1, K1; \
	VPABSB Z1, Z1; \
	VPSUBB Z2, Z30, K1, Z2; \
	VPXORD Z3, Z3, Z3; \
	VPDPBUSD Z2, Z1, Z3; \
	VCVTDQ2PS Z3, Z3; \
	SCALES2(s0, s1, d); \
	VFMADD231PS Z4, Z3, ACC

// Q4PAIR does the same for two Q4_0 blocks (16 nibble bytes at w0 and w1):
// the nibbles are laid out as the activations (block 0 low, block 0 high,
// block 1 low, block 1 high) and nibble·x − 8·x is summed per lane.
#define Q4PAIR(w0, w1, s0, s1, x, d, ACC) \
	VMOVDQU w0, X1; \
	VINSERTI128 $1, w1, Y1, Y1; \
	VPSRLW $4, Y1, Y2; \
	VINSERTI64X4 $1, Y2, Z1, Z1; \
	VSHUFI64X2 $0xd8, Z1, Z1, Z1; \
	VPANDD Z29, Z1, Z1; \
	VMOVDQU64 x, Z2; \
	VPXORD Z3, Z3, Z3; \
	VPDPBUSD Z2, Z1, Z3; \
	VPXORD Z6, Z6, Z6; \
	VPDPBUSD Z2, Z27, Z6; \
	VPSUBD Z6, Z3, Z3; \
	VCVTDQ2PS Z3, Z3; \
	SCALES2(s0, s1, d); \
	VFMADD231PS Z4, Z3, ACC

#define SETUP \
	MOVQ row+0(FP), SI; \
	MOVQ q+8(FP), DI; \
	MOVQ d+16(FP), DX; \
	MOVQ nb+24(FP), CX; \
	VPXORD Z0, Z0, Z0; \
	VPXORD Z7, Z7, Z7; \
	VPXORD Z30, Z30, Z30; \
	VPCMPEQW Y15, Y15, Y15; \
	VPSRLW $15, Y15, Y15; \
	MOVL $0x0f0f0f0f, AX; \
	VMOVD AX, X14; \
	VPBROADCASTD X14, Y14; \
	VPBROADCASTD X14, Z29; \
	MOVL $0x08080808, AX; \
	VMOVD AX, X13; \
	VPBROADCASTD X13, Y13; \
	VPBROADCASTD X13, Z27; \
	MOVL $1, AX; \
	VPBROADCASTD AX, Y26; \
	VINSERTI64X4 $1, Y26, Z30, Z28

// FOLD adds Z7 and the high half of Z0 into Y0 and clears Y7, leaving the
// 256-bit accumulators for the last block.
#define FOLD \
	VADDPS Z7, Z0, Z0; \
	VEXTRACTF64X4 $1, Z0, Y1; \
	VADDPS Y1, Y0, Y0; \
	VXORPS Y7, Y7, Y7

// HSUM adds the 8 lanes of Y0 into X0.
#define HSUM \
	VEXTRACTF128 $1, Y0, X1; \
	VADDPS X1, X0, X0; \
	VMOVHLPS X0, X0, X1; \
	VADDPS X1, X0, X0; \
	VMOVSHDUP X0, X1; \
	VADDSS X1, X0, X0; \
	VZEROUPPER

// Q8ONE adds one Q8_0 block to Y0 in 256 bits (see Q8SUM in
// dot_legacy_amd64.s).
#define Q8ONE \
	VMOVDQU 2(SI), Y1; \
	VMOVDQU (DI), Y2; \
	VPSIGNB Y1, Y2, Y2; \
	VPSIGNB Y1, Y1, Y1; \
	VPMADDUBSW Y2, Y1, Y2; \
	VPMADDWD Y15, Y2, Y2; \
	VCVTDQ2PS Y2, Y2; \
	SCALE((SI), (DX), X3, Y3); \
	VFMADD231PS Y3, Y2, Y0

// Q4ONE adds one Q4_0 block to Y0 in 256 bits (see Q4SUM in
// dot_legacy_amd64.s).
#define Q4ONE \
	VMOVDQU 2(SI), X1; \
	VPSRLW $4, X1, X2; \
	VINSERTI128 $1, X2, Y1, Y1; \
	VPAND Y14, Y1, Y1; \
	VMOVDQU (DI), Y3; \
	VPMADDUBSW Y3, Y1, Y2; \
	VPMADDUBSW Y3, Y13, Y3; \
	VPSUBW Y3, Y2, Y2; \
	VPMADDWD Y15, Y2, Y2; \
	VCVTDQ2PS Y2, Y2; \
	SCALE((SI), (DX), X3, Y3); \
	VFMADD231PS Y3, Y2, Y0

// func dotQ8_0VNNI(row *byte, q *int8, d *float32, nb int) float32
TEXT ·dotQ8_0VNNI(SB), NOSPLIT, $0-36
	SETUP
	SUBQ $4, CX
	JB   q8two

q8four:
	Q8PAIR(2(SI), 36(SI), (SI), 34(SI), (DI), (DX), Z0)
	Q8PAIR(70(SI), 104(SI), 68(SI), 102(SI), 64(DI), 8(DX), Z7)
	ADDQ $136, SI
	ADDQ $128, DI
	ADDQ $16, DX
	SUBQ $4, CX
	JAE  q8four

q8two:
	ADDQ $4, CX
	CMPQ CX, $2
	JB   q8one
	Q8PAIR(2(SI), 36(SI), (SI), 34(SI), (DI), (DX), Z0)
	ADDQ $68, SI
	ADDQ $64, DI
	ADDQ $8, DX
	SUBQ $2, CX

q8one:
	FOLD
	TESTQ CX, CX
	JZ    q8done
	Q8ONE

q8done:
	HSUM
	MOVSS X0, ret+32(FP)
	RET

// func dotQ4_0VNNI(row *byte, q *int8, d *float32, nb int) float32
TEXT ·dotQ4_0VNNI(SB), NOSPLIT, $0-36
	SETUP
	SUBQ $4, CX
	JB   q4two

q4four:
	Q4PAIR(2(SI), 20(SI), (SI), 18(SI), (DI), (DX), Z0)
	Q4PAIR(38(SI), 56(SI), 36(SI), 54(SI), 64(DI), 8(DX), Z7)
	ADDQ $72, SI
	ADDQ $128, DI
	ADDQ $16, DX
	SUBQ $4, CX
	JAE  q4four

q4two:
	ADDQ $4, CX
	CMPQ CX, $2
	JB   q4one
	Q4PAIR(2(SI), 20(SI), (SI), 18(SI), (DI), (DX), Z0)
	ADDQ $36, SI
	ADDQ $64, DI
	ADDQ $8, DX
	SUBQ $2, CX

q4one:
	FOLD
	TESTQ CX, CX
	JZ    q4done
	Q4ONE

q4done:
	HSUM
	MOVSS X0, ret+32(FP)
	RET
