//go:build amd64

#include "textflag.h"

// AVX2 tiles (prefill): a row times four activation vectors at once, for
// CPUs without AVX-512. Each weight block is unpacked once for the four
// vectors, and for every vector the instructions are those of the AVX2
// one-vector kernel (dot_legacy_amd64.s) in the same order on the same
// values, so each result is bit for bit its product. Registers: SI weights,
// CX blocks left, DI R8 R9 R10 the vectors' activation bytes, DX R11 R12
// R13 their scales; Y0-Y3 accumulate each vector's even blocks (the
// one-vector kernel's Y0), Y4-Y7 its odd blocks (its Y7); Y8 the unpacked
// weights, X9 the weight scale, Y10-Y12 scratch; Y13 bytes 8, Y14 bytes
// 0x0F, Y15 int16 ones.

// Q4W unpacks the Q4_0 block at w (bytes) into Y8 (low nibbles are
// elements 0-15, high 16-31) and its scale into X9.
#define Q4W(w) \
	VMOVDQU w+2(SI), X8; \
	VPSRLW $4, X8, X10; \
	VINSERTI128 $1, X10, Y8, Y8; \
	VPAND Y14, Y8, Y8; \
	MOVWLZX w(SI), AX; \
	VMOVD AX, X9; \
	VCVTPH2PS X9, X9

// Q4X adds the unpacked block's product with the 32 activation bytes at x
// (scale at d) to ACC, as dotQ4_0AVX2's Q4SUM, SCALE and FMA:
// nibble·x − 8·x per pair, exact in int16.
#define Q4X(x, d, ACC) \
	VMOVDQU x, Y11; \
	VPMADDUBSW Y11, Y8, Y10; \
	VPMADDUBSW Y11, Y13, Y11; \
	VPSUBW Y11, Y10, Y10; \
	VPMADDWD Y15, Y10, Y10; \
	VCVTDQ2PS Y10, Y10; \
	VMULSS d, X9, X12; \
	VBROADCASTSS X12, Y12; \
	VFMADD231PS Y12, Y10, ACC

// Q4BLOCK adds the weight block at offset w (bytes), activation offset xo
// and scale offset do to accumulators A0-A3.
#define Q4BLOCK(w, xo, do, A0, A1, A2, A3) \
	Q4W(w); \
	Q4X(xo(DI), do(DX), A0); \
	Q4X(xo(R8), do(R11), A1); \
	Q4X(xo(R9), do(R12), A2); \
	Q4X(xo(R10), do(R13), A3)

// SUMTO adds a vector's even and odd accumulators A and B and their lanes,
// as dotQ4_0AVX2's HSUM, and stores the sum at m.
#define SUMTO(A, B, m) \
	VADDPS B, A, Y10; \
	VEXTRACTF128 $1, Y10, X11; \
	VADDPS X11, X10, X10; \
	VMOVHLPS X10, X10, X11; \
	VADDPS X11, X10, X10; \
	VMOVSHDUP X10, X11; \
	VADDSS X11, X10, X10; \
	MOVSS X10, m

// func dotQ4_0AVX2x4(row *byte, q *int8, d *float32, nb int, out *[4]float32)
TEXT ·dotQ4_0AVX2x4(SB), NOSPLIT, $0-40
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
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7
	VPCMPEQW Y15, Y15, Y15
	VPSRLW $15, Y15, Y15
	MOVL $0x0f0f0f0f, AX
	VMOVD AX, X14
	VPBROADCASTD X14, Y14
	MOVL $0x08080808, AX
	VMOVD AX, X13
	VPBROADCASTD X13, Y13
	SUBQ $2, CX
	JB   q4tail

q4pair:
	Q4BLOCK(0, 0, 0, Y0, Y1, Y2, Y3)
	Q4BLOCK(18, 32, 4, Y4, Y5, Y6, Y7)
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
	JAE  q4pair

q4tail:
	ADDQ $2, CX
	JZ   q4done
	Q4BLOCK(0, 0, 0, Y0, Y1, Y2, Y3)

q4done:
	MOVQ out+32(FP), BX
	SUMTO(Y0, Y4, 0(BX))
	SUMTO(Y1, Y5, 4(BX))
	SUMTO(Y2, Y6, 8(BX))
	SUMTO(Y3, Y7, 12(BX))
	VZEROUPPER
	RET

// Q4_1 and Q5_1 tiles: for every vector the instructions of dotQ4_1AVX2
// and dotQ5_1AVX2 (dot_legacy_q5_amd64.s), one block per step. Registers as
// above, except: X4-X7 accumulate each vector's minimum terms m·s (the
// one-vector kernels' X8), X9 holds the weight scale d, X10 the weight
// minimum m, and BX the distance from the activation scales to their sums
// (the same for every vector, as both are stored vector after vector).

DATA q5Shuffle<>+0(SB)/8, $0x0000000000000000
DATA q5Shuffle<>+8(SB)/8, $0x0101010101010101
DATA q5Shuffle<>+16(SB)/8, $0x0202020202020202
DATA q5Shuffle<>+24(SB)/8, $0x0303030303030303
GLOBL q5Shuffle<>(SB), RODATA|NOPTR, $32

DATA q5Bits<>+0(SB)/8, $0x8040201008040201
DATA q5Bits<>+8(SB)/8, $0x8040201008040201
DATA q5Bits<>+16(SB)/8, $0x8040201008040201
DATA q5Bits<>+24(SB)/8, $0x8040201008040201
GLOBL q5Bits<>(SB), RODATA|NOPTR, $32

DATA q5Fifth<>+0(SB)/8, $0x1010101010101010
DATA q5Fifth<>+8(SB)/8, $0x1010101010101010
DATA q5Fifth<>+16(SB)/8, $0x1010101010101010
DATA q5Fifth<>+24(SB)/8, $0x1010101010101010
GLOBL q5Fifth<>(SB), RODATA|NOPTR, $32

// NIBBLES8 sets Y8 to the 32 nibbles of the 16 bytes at w, in element
// order.
#define NIBBLES8(w) \
	VMOVDQU w, X8; \
	VPSRLW $4, X8, X11; \
	VINSERTI128 $1, X11, Y8, Y8; \
	VPAND Y14, Y8, Y8

// FIFTH adds 16 to the bytes of Y8 whose bit is set in the 32 bits at qh,
// as dotQ5_1AVX2's HIGHBITS and its VPAND and VPOR.
#define FIFTH(qh) \
	VPBROADCASTD qh, Y11; \
	VPSHUFB q5Shuffle<>(SB), Y11, Y11; \
	VPAND q5Bits<>(SB), Y11, Y11; \
	VPCMPEQB q5Bits<>(SB), Y11, Y11; \
	VPAND q5Fifth<>(SB), Y11, Y11; \
	VPOR Y11, Y8, Y8

// DM loads the block's scale d (f16 at (SI)) into X9 and its minimum m (f16
// at 2(SI)) into X10.
#define DM \
	MOVWLZX (SI), AX; \
	VMOVD AX, X9; \
	VCVTPH2PS X9, X9; \
	MOVWLZX 2(SI), AX; \
	VMOVD AX, X10; \
	VCVTPH2PS X10, X10

// MX adds the unsigned weight bytes of Y8 times the 32 activation bytes at
// x, scaled by d·(scale at ds), to ACC, and m·(sum at ds+BX) to MACC, as
// the one-vector kernels' SCALE, USUM and MINTERM.
#define MX(x, ds, ACC, MACC) \
	VMOVDQU x, Y11; \
	VPMADDUBSW Y11, Y8, Y11; \
	VPMADDWD Y15, Y11, Y11; \
	VCVTDQ2PS Y11, Y11; \
	VMULSS ds, X9, X12; \
	VBROADCASTSS X12, Y12; \
	VFMADD231PS Y12, Y11, ACC; \
	VMULSS ds(BX*1), X10, X13; \
	VADDSS X13, MACC, MACC

// MBLOCK adds the unpacked block to the four vectors' accumulators and
// moves every pointer to the next block (w bytes of weights).
#define MBLOCK(w) \
	MX((DI), (DX), Y0, X4); \
	MX((R8), (R11), Y1, X5); \
	MX((R9), (R12), Y2, X6); \
	MX((R10), (R13), Y3, X7); \
	ADDQ $w, SI; \
	ADDQ $32, DI; \
	ADDQ $32, R8; \
	ADDQ $32, R9; \
	ADDQ $32, R10; \
	ADDQ $4, DX; \
	ADDQ $4, R11; \
	ADDQ $4, R12; \
	ADDQ $4, R13

// MSETUP loads the arguments, points at the four vectors, clears the
// accumulators and loads the constants.
#define MSETUP \
	MOVQ row+0(FP), SI; \
	MOVQ q+8(FP), DI; \
	MOVQ d+16(FP), DX; \
	MOVQ s+24(FP), BX; \
	MOVQ nb+32(FP), CX; \
	SUBQ DX, BX; \
	MOVQ CX, AX; \
	SHLQ $5, AX; \
	LEAQ (DI)(AX*1), R8; \
	LEAQ (R8)(AX*1), R9; \
	LEAQ (R9)(AX*1), R10; \
	LEAQ (DX)(CX*4), R11; \
	LEAQ (R11)(CX*4), R12; \
	LEAQ (R12)(CX*4), R13; \
	VXORPS Y0, Y0, Y0; \
	VXORPS Y1, Y1, Y1; \
	VXORPS Y2, Y2, Y2; \
	VXORPS Y3, Y3, Y3; \
	VXORPS Y4, Y4, Y4; \
	VXORPS Y5, Y5, Y5; \
	VXORPS Y6, Y6, Y6; \
	VXORPS Y7, Y7, Y7; \
	VPCMPEQW Y15, Y15, Y15; \
	VPSRLW $15, Y15, Y15; \
	MOVL $0x0f0f0f0f, AX; \
	VMOVD AX, X14; \
	VPBROADCASTD X14, Y14

// MSUMTO adds the lanes of a vector's accumulator A (X its low half), then
// its minimum terms M, as the one-vector kernels' HSUM, and stores the sum
// at m.
#define MSUMTO(A, X, M, m) \
	VEXTRACTF128 $1, A, X11; \
	VADDPS X11, X, X; \
	VMOVHLPS X, X, X11; \
	VADDPS X11, X, X; \
	VMOVSHDUP X, X11; \
	VADDSS X11, X, X; \
	VADDSS M, X, X; \
	MOVSS X, m

// MSTORE stores the four vectors' sums.
#define MSTORE \
	MOVQ out+40(FP), AX; \
	MSUMTO(Y0, X0, X4, 0(AX)); \
	MSUMTO(Y1, X1, X5, 4(AX)); \
	MSUMTO(Y2, X2, X6, 8(AX)); \
	MSUMTO(Y3, X3, X7, 12(AX)); \
	VZEROUPPER

// func dotQ4_1AVX2x4(row *byte, q *int8, d, s *float32, nb int, out *[4]float32)
TEXT ·dotQ4_1AVX2x4(SB), NOSPLIT, $0-48
	MSETUP

q41x4:
	NIBBLES8(4(SI))
	DM
	MBLOCK(20)
	DECQ CX
	JNZ  q41x4
	MSTORE
	RET

// func dotQ5_1AVX2x4(row *byte, q *int8, d, s *float32, nb int, out *[4]float32)
TEXT ·dotQ5_1AVX2x4(SB), NOSPLIT, $0-48
	MSETUP

q51x4:
	NIBBLES8(8(SI))
	FIFTH(4(SI))
	DM
	MBLOCK(24)
	DECQ CX
	JNZ  q51x4
	MSTORE
	RET
