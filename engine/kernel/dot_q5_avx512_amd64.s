//go:build amd64

#include "textflag.h"

// AVX-512 VNNI Q5_0 kernels: the Q5_0 row kernel, as dotQ4_0VNNI
// (dot_legacy_avx512_amd64.s) two blocks per 512-bit register, and a
// four-vector version of it for prefill.
//
// A pair of Q5_0 blocks (22 bytes each: f16 scale, 32 fifth bits qh, 16
// nibble bytes) is unpacked into 64 unsigned bytes in the activations'
// order (block 0 low nibbles, block 0 high nibbles, block 1 low, block 1
// high), so byte i of the register is element i mod 32 of block i/32 and
// its fifth bit is bit i of the 64-bit mask qh₀ | qh₁<<32: 16 is added to
// the bytes under the mask. VPDPBUSD sums (q|bit<<4)·x exactly into 16 int32
// lanes and 16·x, summed the same way, is subtracted, which leaves the exact
// integer Σ ((q|bit<<4) − 16)·x of each lane. The lanes are converted to
// float32 and accumulated with FMA times the two blocks' scales, as in
// dotQ4_0VNNI: four blocks per step into Z0 and Z7, a last pair into Z0, a
// last odd block in 256 bits after folding. Registers: SI weights, DI
// activation bytes, DX activation scales, CX blocks left; Z29 bytes 0x0F,
// Z25 bytes 0x10, Z28 the permutation (0×8, 1×8) that spreads two scales.

// Q5W sets Z1 to the 64 unsigned 5-bit weights of the block pair at o(SI) (the
// blocks at o(SI) and o+22(SI)). It uses AX, BX and K2.
#define Q5W(o) \
	VMOVDQU o+6(SI), X1; \
	VINSERTI128 $1, o+28(SI), Y1, Y1; \
	VPSRLW $4, Y1, Y2; \
	VINSERTI64X4 $1, Y2, Z1, Z1; \
	VSHUFI64X2 $0xd8, Z1, Z1, Z1; \
	VPANDD Z29, Z1, Z1; \
	MOVL o+2(SI), AX; \
	MOVL o+24(SI), BX; \
	SHLQ $32, BX; \
	ORQ BX, AX; \
	KMOVQ AX, K2; \
	VPADDB Z25, Z1, K2, Z1

// Q5S sets X4 to the two weight scales of the block pair at o(SI), as float32.
#define Q5S(o) \
	MOVWLZX o(SI), AX; \
	MOVWLZX o+22(SI), BX; \
	SHLL $16, BX; \
	ORL BX, AX; \
	VMOVD AX, X4; \
	VCVTPH2PS X4, X4

// Q5X adds the product of the unpacked pair in Z1 (scales in X4) with the
// 64 activation bytes at x (scales at d) to ACC.
#define Q5X(x, d, ACC) \
	VMOVDQU64 x, Z2; \
	VPXORD Z3, Z3, Z3; \
	VPDPBUSD Z2, Z1, Z3; \
	VPXORD Z6, Z6, Z6; \
	VPDPBUSD Z2, Z25, Z6; \
	VPSUBD Z6, Z3, Z3; \
	VCVTDQ2PS Z3, Z3; \
	VMOVQ d, X5; \
	VMULPS X5, X4, X5; \
	VPERMPS Z5, Z28, Z5; \
	VFMADD231PS Z5, Z3, ACC

// Q5ONEW sets Y1 to the 32 unsigned 5-bit weights of the single block at
// SI and X4 to its scale.
#define Q5ONEW \
	VMOVDQU 6(SI), X1; \
	VPSRLW $4, X1, X2; \
	VINSERTI128 $1, X2, Y1, Y1; \
	VPANDD Y29, Y1, Y1; \
	KMOVD 2(SI), K2; \
	VPADDB Y25, Y1, K2, Y1; \
	MOVWLZX (SI), AX; \
	VMOVD AX, X4; \
	VCVTPH2PS X4, X4

// Q5ONEX adds the single block's product with the 32 activation bytes at x
// (scale at d) to Y0.
#define Q5ONEX(x, d) \
	VMOVDQU x, Y2; \
	VPXORD Y3, Y3, Y3; \
	VPDPBUSD Y2, Y1, Y3; \
	VPXORD Y6, Y6, Y6; \
	VPDPBUSD Y2, Y25, Y6; \
	VPSUBD Y6, Y3, Y3; \
	VCVTDQ2PS Y3, Y3; \
	VMULSS d, X4, X5; \
	VBROADCASTSS X5, Y5; \
	VFMADD231PS Y5, Y3, Y0

// Q5CONST loads Z29, Z25 and Z28 (Z30 is cleared on the way).
#define Q5CONST \
	VPXORD Z30, Z30, Z30; \
	MOVL $0x0f0f0f0f, AX; \
	VPBROADCASTD AX, Z29; \
	MOVL $0x10101010, AX; \
	VPBROADCASTD AX, Z25; \
	MOVL $1, AX; \
	VPBROADCASTD AX, Y26; \
	VINSERTI64X4 $1, Y26, Z30, Z28

// Q5FOLD sets Y0 to the accumulators A and B folded to 8 lanes: the low
// half of A+B plus its high half.
#define Q5FOLD(A, B) \
	VADDPS B, A, Z0; \
	VEXTRACTF64X4 $1, Z0, Y1; \
	VADDPS Y1, Y0, Y0

// Q5HSUM adds the 8 lanes of Y0 into X0.
#define Q5HSUM \
	VEXTRACTF128 $1, Y0, X1; \
	VADDPS X1, X0, X0; \
	VMOVHLPS X0, X0, X1; \
	VADDPS X1, X0, X0; \
	VMOVSHDUP X0, X1; \
	VADDSS X1, X0, X0

// func dotQ5_0VNNI(row *byte, q *int8, d *float32, nb int) float32
TEXT ·dotQ5_0VNNI(SB), NOSPLIT, $0-36
	MOVQ row+0(FP), SI
	MOVQ q+8(FP), DI
	MOVQ d+16(FP), DX
	MOVQ nb+24(FP), CX
	VPXORD Z0, Z0, Z0
	VPXORD Z7, Z7, Z7
	Q5CONST
	SUBQ $4, CX
	JB   two

four:
	Q5W(0)
	Q5S(0)
	Q5X((DI), (DX), Z0)
	Q5W(44)
	Q5S(44)
	Q5X(64(DI), 8(DX), Z7)
	ADDQ $88, SI
	ADDQ $128, DI
	ADDQ $16, DX
	SUBQ $4, CX
	JAE  four

two:
	ADDQ $4, CX
	CMPQ CX, $2
	JB   one
	Q5W(0)
	Q5S(0)
	Q5X((DI), (DX), Z0)
	ADDQ $44, SI
	ADDQ $64, DI
	ADDQ $8, DX
	SUBQ $2, CX

one:
	Q5FOLD(Z0, Z7)
	TESTQ CX, CX
	JZ    done
	Q5ONEW
	Q5ONEX((DI), (DX))

done:
	Q5HSUM
	VZEROUPPER
	MOVSS X0, ret+32(FP)
	RET

// QUAD5 adds the block pair at wo(SI), activation offset xo and scale
// offset do to the four vectors' accumulators A0-A3: the weights are
// unpacked once, then each vector goes through the instructions of
// dotQ5_0VNNI in the same order on the same values.
#define QUAD5(wo, xo, do, A0, A1, A2, A3) \
	Q5W(wo); \
	Q5S(wo); \
	Q5X(xo(DI), do(DX), A0); \
	Q5X(xo(R8), do(R11), A1); \
	Q5X(xo(R9), do(R12), A2); \
	Q5X(xo(R10), do(R13), A3)

// func dotQ5_0VNNIx4(row *byte, q *int8, d *float32, nb int, out *[4]float32)
//
// Registers: SI weights, CX blocks left, DI R8 R9 R10 the vectors'
// activation bytes, DX R11 R12 R13 their scales; Z16-Z19 accumulate each
// vector's even block pairs (dotQ5_0VNNI's Z0), Z20-Z23 the odd ones (its
// Z7); constants as in dotQ5_0VNNI.
TEXT ·dotQ5_0VNNIx4(SB), NOSPLIT, $0-40
	MOVQ row+0(FP), SI
	MOVQ q+8(FP), DI
	MOVQ d+16(FP), DX
	MOVQ nb+24(FP), CX
	MOVQ CX, AX
	SHLQ $5, AX
	LEAQ (DI)(AX*1), R8
	LEAQ (R8)(AX*1), R9
	LEAQ (R9)(AX*1), R10
	LEAQ (DX)(CX*4), R11
	LEAQ (R11)(CX*4), R12
	LEAQ (R12)(CX*4), R13
	VPXORD Z16, Z16, Z16
	VPXORD Z17, Z17, Z17
	VPXORD Z18, Z18, Z18
	VPXORD Z19, Z19, Z19
	VPXORD Z20, Z20, Z20
	VPXORD Z21, Z21, Z21
	VPXORD Z22, Z22, Z22
	VPXORD Z23, Z23, Z23
	Q5CONST
	SUBQ $4, CX
	JB   two4

four4:
	QUAD5(0, 0, 0, Z16, Z17, Z18, Z19)
	QUAD5(44, 64, 8, Z20, Z21, Z22, Z23)
	ADDQ $88, SI
	ADDQ $128, DI
	ADDQ $128, R8
	ADDQ $128, R9
	ADDQ $128, R10
	ADDQ $16, DX
	ADDQ $16, R11
	ADDQ $16, R12
	ADDQ $16, R13
	SUBQ $4, CX
	JAE  four4

two4:
	ADDQ $4, CX
	CMPQ CX, $2
	JB   fold4
	QUAD5(0, 0, 0, Z16, Z17, Z18, Z19)
	ADDQ $44, SI
	ADDQ $64, DI
	ADDQ $64, R8
	ADDQ $64, R9
	ADDQ $64, R10
	ADDQ $8, DX
	ADDQ $8, R11
	ADDQ $8, R12
	ADDQ $8, R13
	SUBQ $2, CX

fold4:
	MOVQ  out+32(FP), BX
	TESTQ CX, CX
	JNZ   odd4
	Q5FOLD(Z16, Z20)
	Q5HSUM
	MOVSS X0, 0(BX)
	Q5FOLD(Z17, Z21)
	Q5HSUM
	MOVSS X0, 4(BX)
	Q5FOLD(Z18, Z22)
	Q5HSUM
	MOVSS X0, 8(BX)
	Q5FOLD(Z19, Z23)
	Q5HSUM
	MOVSS X0, 12(BX)
	VZEROUPPER
	RET

odd4:
	Q5FOLD(Z16, Z20)
	Q5ONEW
	Q5ONEX((DI), (DX))
	Q5HSUM
	MOVSS X0, 0(BX)
	Q5FOLD(Z17, Z21)
	Q5ONEW
	Q5ONEX((R8), (R11))
	Q5HSUM
	MOVSS X0, 4(BX)
	Q5FOLD(Z18, Z22)
	Q5ONEW
	Q5ONEX((R9), (R12))
	Q5HSUM
	MOVSS X0, 8(BX)
	Q5FOLD(Z19, Z23)
	Q5ONEW
	Q5ONEX((R10), (R13))
	Q5HSUM
	MOVSS X0, 12(BX)
	VZEROUPPER
	RET
