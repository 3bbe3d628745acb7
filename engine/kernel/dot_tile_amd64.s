//go:build amd64

#include "textflag.h"

// A Q8_0 row times four activation vectors at once (prefill): each pair of
// weight blocks is loaded, and its signs and magnitudes taken, once for the
// four vectors. For every vector the instructions are those of dotQ8_0VNNI
// (dot_legacy_avx512_amd64.s) in the same order on the same values, so each
// result is bit for bit the one-vector product. Registers: SI weights, CX
// blocks left, DI R8 R9 R10 the vectors' activation bytes, DX R11 R12 R13
// their scales; Z16-Z19 accumulate each vector's even block pairs (dotQ8_0VNNI's
// Z0), Z20-Z23 the odd ones (its Z7); constants as in dotQ8_0VNNI.

// WPAIR loads the weight pair (bytes at w0, w1; scales at s0, s1): Z1 the
// magnitudes, K1 the negative bytes, X4 the two weight scales.
#define WPAIR(w0, w1, s0, s1) \
	VMOVDQU w0, Y1; \
	VINSERTI64X4 $1, w1, Z1, Z1; \
	VPMOVB2M Z1, K1; \
	VPABSB Z1, Z1; \
	MOVWLZX s0, AX; \
	MOVWLZX s1, BX; \
	SHLL $16, BX; \
	ORL BX, AX; \
	VMOVD AX, X4; \
	VCVTPH2PS X4, X4

// XPAIR adds the loaded weight pair's product with the 64 activation bytes
// at x (scales at d) to ACC.
#define XPAIR(x, d, ACC) \
	VMOVDQU64 x, Z2; \
	VPSUBB Z2, Z30, K1, Z2; \
	VPXORD Z3, Z3, Z3; \
	VPDPBUSD Z2, Z1, Z3; \
	VCVTDQ2PS Z3, Z3; \
	VMOVQ d, X5; \
	VMULPS X5, X4, X5; \
	VPERMPS Z5, Z28, Z5; \
	VFMADD231PS Z5, Z3, ACC

// QUAD adds the weight pair at block offset wo (bytes), activation offset xo
// and scale offset do to accumulators A0-A3.
#define QUAD(wo, w1, xo, do, A0, A1, A2, A3) \
	WPAIR(wo+2(SI), w1+2(SI), wo(SI), w1(SI)); \
	XPAIR(xo(DI), do(DX), A0); \
	XPAIR(xo(R8), do(R11), A1); \
	XPAIR(xo(R9), do(R12), A2); \
	XPAIR(xo(R10), do(R13), A3)

// FOLD sets Y0 to the vector's two accumulators folded to 8 lanes, as
// dotQ8_0VNNI's FOLD.
#define FOLD(A, B) \
	VADDPS B, A, Z0; \
	VEXTRACTF64X4 $1, Z0, Y1; \
	VADDPS Y1, Y0, Y0

// ONE adds the last, odd block of activations at x (scale at d) to Y0 as
// dotQ8_0VNNI's Q8ONE.
#define ONE(x, d) \
	VMOVDQU 2(SI), Y1; \
	VMOVDQU x, Y2; \
	VPSIGNB Y1, Y2, Y2; \
	VPSIGNB Y1, Y1, Y1; \
	VPMADDUBSW Y2, Y1, Y2; \
	VPMADDWD Y15, Y2, Y2; \
	VCVTDQ2PS Y2, Y2; \
	MOVWLZX (SI), AX; \
	VMOVD AX, X3; \
	VCVTPH2PS X3, X3; \
	VMULSS d, X3, X3; \
	VBROADCASTSS X3, Y3; \
	VFMADD231PS Y3, Y2, Y0

// STORE adds the lanes of Y0 as dotQ8_0VNNI's HSUM (without VZEROUPPER,
// which would clear the constants) and stores the sum at m.
#define STORE(m) \
	VEXTRACTF128 $1, Y0, X1; \
	VADDPS X1, X0, X0; \
	VMOVHLPS X0, X0, X1; \
	VADDPS X1, X0, X0; \
	VMOVSHDUP X0, X1; \
	VADDSS X1, X0, X0; \
	MOVSS X0, m

// func dotQ8_0VNNIx4(row *byte, q *int8, d *float32, nb int, out *[4]float32)
TEXT ·dotQ8_0VNNIx4(SB), NOSPLIT, $0-40
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
	VPXORD Z30, Z30, Z30
	VPCMPEQW Y15, Y15, Y15
	VPSRLW $15, Y15, Y15
	MOVL $1, AX
	VPBROADCASTD AX, Y26
	VINSERTI64X4 $1, Y26, Z30, Z28
	SUBQ $4, CX
	JB   two

four:
	QUAD(0, 34, 0, 0, Z16, Z17, Z18, Z19)
	QUAD(68, 102, 64, 8, Z20, Z21, Z22, Z23)
	ADDQ $136, SI
	ADDQ $128, DI
	ADDQ $128, R8
	ADDQ $128, R9
	ADDQ $128, R10
	ADDQ $16, DX
	ADDQ $16, R11
	ADDQ $16, R12
	ADDQ $16, R13
	SUBQ $4, CX
	JAE  four

two:
	ADDQ $4, CX
	CMPQ CX, $2
	JB   fold
	QUAD(0, 34, 0, 0, Z16, Z17, Z18, Z19)
	ADDQ $68, SI
	ADDQ $64, DI
	ADDQ $64, R8
	ADDQ $64, R9
	ADDQ $64, R10
	ADDQ $8, DX
	ADDQ $8, R11
	ADDQ $8, R12
	ADDQ $8, R13
	SUBQ $2, CX

fold:
	MOVQ  out+32(FP), BX
	TESTQ CX, CX
	JNZ   odd
	FOLD(Z16, Z20)
	STORE(0(BX))
	FOLD(Z17, Z21)
	STORE(4(BX))
	FOLD(Z18, Z22)
	STORE(8(BX))
	FOLD(Z19, Z23)
	STORE(12(BX))
	VZEROUPPER
	RET

odd:
	FOLD(Z16, Z20)
	ONE((DI), (DX))
	STORE(0(BX))
	FOLD(Z17, Z21)
	ONE((R8), (R11))
	STORE(4(BX))
	FOLD(Z18, Z22)
	ONE((R9), (R12))
	STORE(8(BX))
	FOLD(Z19, Z23)
	ONE((R10), (R13))
	STORE(12(BX))
	VZEROUPPER
	RET

// A Q4_0 row times four activation vectors at once, in the same way: each
// pair of weight blocks is unpacked to nibble bytes once for the four
// vectors, and for every vector the instructions are those of dotQ4_0VNNI
// (dot_legacy_avx512_amd64.s) in the same order on the same values.
// Registers as in dotQ8_0VNNIx4, with Z29 bytes 0x0F and Z27 bytes 8 (and
// Y14, Y13 their low halves for the last odd block).

// Q4WPAIR unpacks the weight pair (nibble bytes at w0, w1; scales at s0,
// s1): Z1 the nibbles laid out as the activations, X4 the two weight
// scales.
#define Q4WPAIR(w0, w1, s0, s1) \
	VMOVDQU w0, X1; \
	VINSERTI128 $1, w1, Y1, Y1; \
	VPSRLW $4, Y1, Y2; \
	VINSERTI64X4 $1, Y2, Z1, Z1; \
	VSHUFI64X2 $0xd8, Z1, Z1, Z1; \
	VPANDD Z29, Z1, Z1; \
	MOVWLZX s0, AX; \
	MOVWLZX s1, BX; \
	SHLL $16, BX; \
	ORL BX, AX; \
	VMOVD AX, X4; \
	VCVTPH2PS X4, X4

// Q4XPAIR adds the unpacked weight pair's product with the 64 activation
// bytes at x (scales at d) to ACC: nibble·x − 8·x summed per lane.
#define Q4XPAIR(x, d, ACC) \
	VMOVDQU64 x, Z2; \
	VPXORD Z3, Z3, Z3; \
	VPDPBUSD Z2, Z1, Z3; \
	VPXORD Z6, Z6, Z6; \
	VPDPBUSD Z2, Z27, Z6; \
	VPSUBD Z6, Z3, Z3; \
	VCVTDQ2PS Z3, Z3; \
	VMOVQ d, X5; \
	VMULPS X5, X4, X5; \
	VPERMPS Z5, Z28, Z5; \
	VFMADD231PS Z5, Z3, ACC

// Q4QUAD adds the weight pair at block offsets wo and w1 (bytes),
// activation offset xo and scale offset do to accumulators A0-A3.
#define Q4QUAD(wo, w1, xo, do, A0, A1, A2, A3) \
	Q4WPAIR(wo+2(SI), w1+2(SI), wo(SI), w1(SI)); \
	Q4XPAIR(xo(DI), do(DX), A0); \
	Q4XPAIR(xo(R8), do(R11), A1); \
	Q4XPAIR(xo(R9), do(R12), A2); \
	Q4XPAIR(xo(R10), do(R13), A3)

// Q4ONE adds the last, odd block of activations at x (scale at d) to Y0 as
// dotQ4_0VNNI's Q4ONE.
#define Q4ONE(x, d) \
	VMOVDQU 2(SI), X1; \
	VPSRLW $4, X1, X2; \
	VINSERTI128 $1, X2, Y1, Y1; \
	VPAND Y14, Y1, Y1; \
	VMOVDQU x, Y3; \
	VPMADDUBSW Y3, Y1, Y2; \
	VPMADDUBSW Y3, Y13, Y3; \
	VPSUBW Y3, Y2, Y2; \
	VPMADDWD Y15, Y2, Y2; \
	VCVTDQ2PS Y2, Y2; \
	MOVWLZX (SI), AX; \
	VMOVD AX, X3; \
	VCVTPH2PS X3, X3; \
	VMULSS d, X3, X3; \
	VBROADCASTSS X3, Y3; \
	VFMADD231PS Y3, Y2, Y0

// func dotQ4_0VNNIx4(row *byte, q *int8, d *float32, nb int, out *[4]float32)
TEXT ·dotQ4_0VNNIx4(SB), NOSPLIT, $0-40
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
	VPXORD Z30, Z30, Z30
	VPCMPEQW Y15, Y15, Y15
	VPSRLW $15, Y15, Y15
	MOVL $0x0f0f0f0f, AX
	VMOVD AX, X14
	VPBROADCASTD X14, Y14
	VPBROADCASTD X14, Z29
	MOVL $0x08080808, AX
	VMOVD AX, X13
	VPBROADCASTD X13, Y13
	VPBROADCASTD X13, Z27
	MOVL $1, AX
	VPBROADCASTD AX, Y26
	VINSERTI64X4 $1, Y26, Z30, Z28
	SUBQ $4, CX
	JB   q4two

q4four:
	Q4QUAD(0, 18, 0, 0, Z16, Z17, Z18, Z19)
	Q4QUAD(36, 54, 64, 8, Z20, Z21, Z22, Z23)
	ADDQ $72, SI
	ADDQ $128, DI
	ADDQ $128, R8
	ADDQ $128, R9
	ADDQ $128, R10
	ADDQ $16, DX
	ADDQ $16, R11
	ADDQ $16, R12
	ADDQ $16, R13
	SUBQ $4, CX
	JAE  q4four

q4two:
	ADDQ $4, CX
	CMPQ CX, $2
	JB   q4fold
	Q4QUAD(0, 18, 0, 0, Z16, Z17, Z18, Z19)
	ADDQ $36, SI
	ADDQ $64, DI
	ADDQ $64, R8
	ADDQ $64, R9
	ADDQ $64, R10
	ADDQ $8, DX
	ADDQ $8, R11
	ADDQ $8, R12
	ADDQ $8, R13
	SUBQ $2, CX

q4fold:
	MOVQ  out+32(FP), BX
	TESTQ CX, CX
	JNZ   q4odd
	FOLD(Z16, Z20)
	STORE(0(BX))
	FOLD(Z17, Z21)
	STORE(4(BX))
	FOLD(Z18, Z22)
	STORE(8(BX))
	FOLD(Z19, Z23)
	STORE(12(BX))
	VZEROUPPER
	RET

q4odd:
	FOLD(Z16, Z20)
	Q4ONE((DI), (DX))
	STORE(0(BX))
	FOLD(Z17, Z21)
	Q4ONE((R8), (R11))
	STORE(4(BX))
	FOLD(Z18, Z22)
	Q4ONE((R9), (R12))
	STORE(8(BX))
	FOLD(Z19, Z23)
	Q4ONE((R10), (R13))
	STORE(12(BX))
	VZEROUPPER
	RET
