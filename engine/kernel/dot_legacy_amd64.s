//go:build amd64

#include "textflag.h"

// Row products of Q8_0 and Q4_0 weights with Q8_0 activations. For each block
// of 32 the integer products are summed exactly into 8 int32 lanes, converted
// to float32 (exact: |lane| ≤ 4·127·127) and accumulated with FMA times the
// block's scale (weight scale, f16 at the start of the block, times the
// activation scale). Registers: SI weights, DI activation bytes, DX
// activation scales, CX blocks left; Y0 and Y7 accumulate even and odd
// blocks; Y15 holds int16 ones, Y14 bytes 0x0F, Y13 bytes 8.

// SCALE broadcasts (f16 at w) · (float32 at a) to all lanes of Y (X is Y's
// low half).
#define SCALE(w, a, X, Y) \
	MOVWLZX w, AX; \
	VMOVD AX, X; \
	VCVTPH2PS X, X; \
	VMULSS a, X, X; \
	VBROADCASTSS X, Y

// Q8SUM leaves in S (float32) the 8 quad sums of the 32 signed weight bytes
// at w times the 32 activation bytes at x; T is scratch. The sign trick:
// |w| (unsigned) times x·sign(w) (signed), as VPMADDUBSW needs.
#define Q8SUM(w, x, T, S) \
	VMOVDQU w, T; \
	VMOVDQU x, S; \
	VPSIGNB T, S, S; \
	VPSIGNB T, T, T; \
	VPMADDUBSW S, T, S; \
	VPMADDWD Y15, S, S; \
	VCVTDQ2PS S, S

// Q4SUM does the same for the 16 nibble bytes at w (low nibbles are elements
// 0-15, high 16-31, offset by 8): nibble·x − 8·x per pair, exact in int16.
#define Q4SUM(w, x, XT, T, XS, S, U) \
	VMOVDQU w, XT; \
	VPSRLW $4, XT, XS; \
	VINSERTI128 $1, XS, T, T; \
	VPAND Y14, T, T; \
	VMOVDQU x, U; \
	VPMADDUBSW U, T, S; \
	VPMADDUBSW U, Y13, U; \
	VPSUBW U, S, S; \
	VPMADDWD Y15, S, S; \
	VCVTDQ2PS S, S

// SETUP loads the arguments and constants and clears the accumulators.
#define SETUP \
	MOVQ row+0(FP), SI; \
	MOVQ q+8(FP), DI; \
	MOVQ d+16(FP), DX; \
	MOVQ nb+24(FP), CX; \
	VXORPS Y0, Y0, Y0; \
	VXORPS Y7, Y7, Y7; \
	VPCMPEQW Y15, Y15, Y15; \
	VPSRLW $15, Y15, Y15; \
	MOVL $0x0f0f0f0f, AX; \
	VMOVD AX, X14; \
	VPBROADCASTD X14, Y14; \
	MOVL $0x08080808, AX; \
	VMOVD AX, X13; \
	VPBROADCASTD X13, Y13

// HSUM adds the 8 lanes of Y0 and Y7 into X0.
#define HSUM \
	VADDPS Y7, Y0, Y0; \
	VEXTRACTF128 $1, Y0, X1; \
	VADDPS X1, X0, X0; \
	VMOVHLPS X0, X0, X1; \
	VADDPS X1, X0, X0; \
	VMOVSHDUP X0, X1; \
	VADDSS X1, X0, X0; \
	VZEROUPPER

// func dotQ8_0AVX2(row *byte, q *int8, d *float32, nb int) float32
TEXT ·dotQ8_0AVX2(SB), NOSPLIT, $0-36
	SETUP
	SUBQ $2, CX
	JB   q8tail

q8pair:
	Q8SUM(2(SI), (DI), Y1, Y2)
	SCALE((SI), (DX), X3, Y3)
	VFMADD231PS Y3, Y2, Y0
	Q8SUM(36(SI), 32(DI), Y4, Y5)
	SCALE(34(SI), 4(DX), X6, Y6)
	VFMADD231PS Y6, Y5, Y7
	ADDQ $68, SI
	ADDQ $64, DI
	ADDQ $8, DX
	SUBQ $2, CX
	JAE  q8pair

q8tail:
	ADDQ $2, CX
	JZ   q8done
	Q8SUM(2(SI), (DI), Y1, Y2)
	SCALE((SI), (DX), X3, Y3)
	VFMADD231PS Y3, Y2, Y0

q8done:
	HSUM
	MOVSS X0, ret+32(FP)
	RET

// func dotQ4_0AVX2(row *byte, q *int8, d *float32, nb int) float32
TEXT ·dotQ4_0AVX2(SB), NOSPLIT, $0-36
	SETUP
	SUBQ $2, CX
	JB   q4tail

q4pair:
	Q4SUM(2(SI), (DI), X1, Y1, X2, Y2, Y3)
	SCALE((SI), (DX), X3, Y3)
	VFMADD231PS Y3, Y2, Y0
	Q4SUM(20(SI), 32(DI), X4, Y4, X5, Y5, Y6)
	SCALE(18(SI), 4(DX), X6, Y6)
	VFMADD231PS Y6, Y5, Y7
	ADDQ $36, SI
	ADDQ $64, DI
	ADDQ $8, DX
	SUBQ $2, CX
	JAE  q4pair

q4tail:
	ADDQ $2, CX
	JZ   q4done
	Q4SUM(2(SI), (DI), X1, Y1, X2, Y2, Y3)
	SCALE((SI), (DX), X3, Y3)
	VFMADD231PS Y3, Y2, Y0

q4done:
	HSUM
	MOVSS X0, ret+32(FP)
	RET
