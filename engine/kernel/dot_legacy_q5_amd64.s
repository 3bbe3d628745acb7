//go:build amd64

#include "textflag.h"

// AVX2 row kernels for Q4_1, Q5_0 and Q5_1 weights with Q8_0/Q8_1
// activations, one block of 32 per step: weights are unpacked to 32 bytes in
// the activations' order (low nibbles are elements 0-15, high nibbles 16-31;
// Q5's fifth bit j of the 32-bit qh belongs to element j), their products
// with the activation bytes summed exactly into 8 int32 lanes, converted to
// float32 and accumulated with FMA times the block's scale in Y0. The
// minimum terms m·s of Q4_1 and Q5_1 are added in X8. Registers: SI
// weights, DI activation bytes, DX activation scales, R8 activation sums
// (Q8_1's s), CX blocks left; Y15 int16 ones, Y14 bytes 0x0F, Y12 the byte
// shuffle spreading qh byte k over bytes 8k..8k+7, Y11 bytes 1<<(i mod 8),
// Y10 bytes 0xF0, Y9 bytes 0x10.

DATA qhShuffle<>+0(SB)/8, $0x0000000000000000
DATA qhShuffle<>+8(SB)/8, $0x0101010101010101
DATA qhShuffle<>+16(SB)/8, $0x0202020202020202
DATA qhShuffle<>+24(SB)/8, $0x0303030303030303
GLOBL qhShuffle<>(SB), RODATA|NOPTR, $32

DATA qhBits<>+0(SB)/8, $0x8040201008040201
DATA qhBits<>+8(SB)/8, $0x8040201008040201
DATA qhBits<>+16(SB)/8, $0x8040201008040201
DATA qhBits<>+24(SB)/8, $0x8040201008040201
GLOBL qhBits<>(SB), RODATA|NOPTR, $32

// SETUP loads the constants and clears the accumulators.
#define SETUP \
	VXORPS Y0, Y0, Y0; \
	VXORPS X8, X8, X8; \
	VPCMPEQW Y15, Y15, Y15; \
	VPSRLW $15, Y15, Y15; \
	MOVL $0x0f0f0f0f, AX; \
	VMOVD AX, X14; \
	VPBROADCASTD X14, Y14; \
	MOVL $0xf0f0f0f0, AX; \
	VMOVD AX, X10; \
	VPBROADCASTD X10, Y10; \
	MOVL $0x10101010, AX; \
	VMOVD AX, X9; \
	VPBROADCASTD X9, Y9; \
	VMOVDQU qhShuffle<>(SB), Y12; \
	VMOVDQU qhBits<>(SB), Y11

// SCALE broadcasts (f16 at w) · (float32 at a) to all lanes of Y.
#define SCALE(w, a, X, Y) \
	MOVWLZX w, AX; \
	VMOVD AX, X; \
	VCVTPH2PS X, X; \
	VMULSS a, X, X; \
	VBROADCASTSS X, Y

// MINTERM adds (f16 at m) · (float32 at s) to X8.
#define MINTERM(m, s) \
	MOVWLZX m, AX; \
	VMOVD AX, X6; \
	VCVTPH2PS X6, X6; \
	VMULSS s, X6, X6; \
	VADDSS X6, X8, X8

// NIBBLES sets Y1 to the 32 nibbles of the 16 bytes at w, in element order.
#define NIBBLES(w) \
	VMOVDQU w, X1; \
	VPSRLW $4, X1, X2; \
	VINSERTI128 $1, X2, Y1, Y1; \
	VPAND Y14, Y1, Y1

// HIGHBITS sets Y4 to 0xFF in the bytes whose qh bit (32 bits at qh) is set.
#define HIGHBITS(qh) \
	VPBROADCASTD qh, Y4; \
	VPSHUFB Y12, Y4, Y4; \
	VPAND Y11, Y4, Y4; \
	VPCMPEQB Y11, Y4, Y4

// USUM adds to Y0 the products of the unsigned weight bytes in Y1 with the
// activation bytes at (DI), scaled by Y3.
#define USUM \
	VMOVDQU (DI), Y2; \
	VPMADDUBSW Y2, Y1, Y2; \
	VPMADDWD Y15, Y2, Y2; \
	VCVTDQ2PS Y2, Y2; \
	VFMADD231PS Y3, Y2, Y0

// SSUM does the same for signed weight bytes in Y1 (the sign trick).
#define SSUM \
	VMOVDQU (DI), Y2; \
	VPSIGNB Y1, Y2, Y2; \
	VPSIGNB Y1, Y1, Y1; \
	VPMADDUBSW Y2, Y1, Y2; \
	VPMADDWD Y15, Y2, Y2; \
	VCVTDQ2PS Y2, Y2; \
	VFMADD231PS Y3, Y2, Y0

// HSUM adds the 8 lanes of Y0 and X8 into X0.
#define HSUM \
	VEXTRACTF128 $1, Y0, X1; \
	VADDPS X1, X0, X0; \
	VMOVHLPS X0, X0, X1; \
	VADDPS X1, X0, X0; \
	VMOVSHDUP X0, X1; \
	VADDSS X1, X0, X0; \
	VADDSS X8, X0, X0; \
	VZEROUPPER

// func dotQ4_1AVX2(row *byte, q *int8, d, s *float32, nb int) float32
TEXT ·dotQ4_1AVX2(SB), NOSPLIT, $0-44
	MOVQ row+0(FP), SI
	MOVQ q+8(FP), DI
	MOVQ d+16(FP), DX
	MOVQ s+24(FP), R8
	MOVQ nb+32(FP), CX
	SETUP

q41loop:
	NIBBLES(4(SI))
	SCALE((SI), (DX), X3, Y3)
	USUM
	MINTERM(2(SI), (R8))
	ADDQ $20, SI
	ADDQ $32, DI
	ADDQ $4, DX
	ADDQ $4, R8
	DECQ CX
	JNZ  q41loop
	HSUM
	MOVSS X0, ret+40(FP)
	RET

// func dotQ5_0AVX2(row *byte, q *int8, d *float32, nb int) float32
TEXT ·dotQ5_0AVX2(SB), NOSPLIT, $0-36
	MOVQ row+0(FP), SI
	MOVQ q+8(FP), DI
	MOVQ d+16(FP), DX
	MOVQ nb+24(FP), CX
	SETUP

q50loop:
	NIBBLES(6(SI))
	HIGHBITS(2(SI))
	VPANDN Y10, Y4, Y4 // 0xF0 where the bit is clear: nibble − 16 as a signed byte
	VPOR   Y4, Y1, Y1
	SCALE((SI), (DX), X3, Y3)
	SSUM
	ADDQ $22, SI
	ADDQ $32, DI
	ADDQ $4, DX
	DECQ CX
	JNZ  q50loop
	HSUM
	MOVSS X0, ret+32(FP)
	RET

// func dotQ5_1AVX2(row *byte, q *int8, d, s *float32, nb int) float32
TEXT ·dotQ5_1AVX2(SB), NOSPLIT, $0-44
	MOVQ row+0(FP), SI
	MOVQ q+8(FP), DI
	MOVQ d+16(FP), DX
	MOVQ s+24(FP), R8
	MOVQ nb+32(FP), CX
	SETUP

q51loop:
	NIBBLES(8(SI))
	HIGHBITS(4(SI))
	VPAND Y9, Y4, Y4 // 0x10 where the bit is set
	VPOR  Y4, Y1, Y1
	SCALE((SI), (DX), X3, Y3)
	USUM
	MINTERM(2(SI), (R8))
	ADDQ $24, SI
	ADDQ $32, DI
	ADDQ $4, DX
	ADDQ $4, R8
	DECQ CX
	JNZ  q51loop
	HSUM
	MOVSS X0, ret+40(FP)
	RET
