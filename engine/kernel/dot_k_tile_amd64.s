//go:build amd64

// AVX-512 VNNI kernels for one K-quant row times four Q8_K activation
// vectors at once (prefill): each super-block's nibbles are unpacked, and
// its 6-bit scales and mins decoded, once for the four vectors. For every
// vector the float32 instructions are those of dotQ4_KAVX512
// (dot_k_avx512_amd64.s) in the same order on the same values, and the
// int32 lanes they start from hold the same exact sums, so each result is
// bit for bit the one-vector product. The integer sums are formed with
// VPDPWSSD (multiply words and add to the int32 lanes), which folds the
// one-vector kernels' VPMADDWD and VPADDD into one instruction: the sums
// are small (|lane| < 2^24) and exact either way.
//
// Registers: SI the row's block, CX blocks left, DI the first vector's
// activations, BX and DX one and three vectors' worth of activation bytes
// (so vector v's are at DI + v·BX), R8 the first vector's scales and R9 its
// 16-sums, R11 R12 R13 4, 8 and 12 bytes per block (vector v's scale is at
// R8 + v·R11 etc.; its sums at R9 + 8·v·R11 etc.).

#include "textflag.h"

// pairT<> holds four 64-byte VPSHUFB controls: control j copies word 2j of
// each lane into the lower 256 bits and word 2j+1 into the upper ones.
DATA pairT<>+0x00(SB)/8, $0x0100010001000100
DATA pairT<>+0x08(SB)/8, $0x0100010001000100
DATA pairT<>+0x10(SB)/8, $0x0100010001000100
DATA pairT<>+0x18(SB)/8, $0x0100010001000100
DATA pairT<>+0x20(SB)/8, $0x0302030203020302
DATA pairT<>+0x28(SB)/8, $0x0302030203020302
DATA pairT<>+0x30(SB)/8, $0x0302030203020302
DATA pairT<>+0x38(SB)/8, $0x0302030203020302
DATA pairT<>+0x40(SB)/8, $0x0504050405040504
DATA pairT<>+0x48(SB)/8, $0x0504050405040504
DATA pairT<>+0x50(SB)/8, $0x0504050405040504
DATA pairT<>+0x58(SB)/8, $0x0504050405040504
DATA pairT<>+0x60(SB)/8, $0x0706070607060706
DATA pairT<>+0x68(SB)/8, $0x0706070607060706
DATA pairT<>+0x70(SB)/8, $0x0706070607060706
DATA pairT<>+0x78(SB)/8, $0x0706070607060706
DATA pairT<>+0x80(SB)/8, $0x0908090809080908
DATA pairT<>+0x88(SB)/8, $0x0908090809080908
DATA pairT<>+0x90(SB)/8, $0x0908090809080908
DATA pairT<>+0x98(SB)/8, $0x0908090809080908
DATA pairT<>+0xa0(SB)/8, $0x0b0a0b0a0b0a0b0a
DATA pairT<>+0xa8(SB)/8, $0x0b0a0b0a0b0a0b0a
DATA pairT<>+0xb0(SB)/8, $0x0b0a0b0a0b0a0b0a
DATA pairT<>+0xb8(SB)/8, $0x0b0a0b0a0b0a0b0a
DATA pairT<>+0xc0(SB)/8, $0x0d0c0d0c0d0c0d0c
DATA pairT<>+0xc8(SB)/8, $0x0d0c0d0c0d0c0d0c
DATA pairT<>+0xd0(SB)/8, $0x0d0c0d0c0d0c0d0c
DATA pairT<>+0xd8(SB)/8, $0x0d0c0d0c0d0c0d0c
DATA pairT<>+0xe0(SB)/8, $0x0f0e0f0e0f0e0f0e
DATA pairT<>+0xe8(SB)/8, $0x0f0e0f0e0f0e0f0e
DATA pairT<>+0xf0(SB)/8, $0x0f0e0f0e0f0e0f0e
DATA pairT<>+0xf8(SB)/8, $0x0f0e0f0e0f0e0f0e
GLOBL pairT<>(SB), RODATA|NOPTR, $256

// upperT4<>: qword shift counts, 0 in the lower 256 bits and 4 in the upper.
DATA upperT4<>+0x00(SB)/8, $0
DATA upperT4<>+0x08(SB)/8, $0
DATA upperT4<>+0x10(SB)/8, $0
DATA upperT4<>+0x18(SB)/8, $0
DATA upperT4<>+0x20(SB)/8, $4
DATA upperT4<>+0x28(SB)/8, $4
DATA upperT4<>+0x30(SB)/8, $4
DATA upperT4<>+0x38(SB)/8, $4
GLOBL upperT4<>(SB), RODATA|NOPTR, $64

// TSETUP loads the arguments into the registers above.
#define TSETUP \
	MOVQ row+0(FP), SI \
	MOVQ q+8(FP), DI \
	MOVQ d+16(FP), R8 \
	MOVQ bs+24(FP), R9 \
	MOVQ nb+32(FP), CX \
	MOVQ CX, BX \
	SHLQ $8, BX \
	LEAQ (BX)(BX*2), DX \
	LEAQ (CX*4), R11 \
	LEAQ (R11)(R11*1), R12 \
	LEAQ (R11)(R11*2), R13

// TSCALES unpacks the 12 scale bytes at 4(SI) of a Q4_K block as KSCALES
// (dot_k_amd64.h) does, with two scratch registers (AX, R10): the eight
// scales as words in every 128-bit lane of Z2, the eight mins as the words
// of X3.
#define TSCALES \
	MOVL 4(SI), AX \
	MOVL AX, R10 \
	ANDL $0x3f3f3f3f, R10 \
	VMOVD R10, X2 \
	SHRL $6, AX \
	ANDL $0x03030303, AX \
	SHLL $4, AX \
	MOVL 12(SI), R10 \
	ANDL $0x0f0f0f0f, R10 \
	ORL  AX, R10 \
	VPINSRD $1, R10, X2, X2 \
	MOVL 8(SI), AX \
	MOVL AX, R10 \
	ANDL $0x3f3f3f3f, R10 \
	VMOVD R10, X3 \
	SHRL $6, AX \
	ANDL $0x03030303, AX \
	SHLL $4, AX \
	MOVL 12(SI), R10 \
	SHRL $4, R10 \
	ANDL $0x0f0f0f0f, R10 \
	ORL  AX, R10 \
	VPINSRD $1, R10, X3, X3 \
	VPMOVZXBW X2, X2 \
	VPERMQ $0x44, Y2, Y2 \
	VSHUFI64X2 $0x44, Z2, Z2, Z2 \
	VPMOVZXBW X3, X3

// TMINS is KMINS for one vector with sums at bs, scale at d: it adds
// -(d·dmin)·Σ min_j·sum_j into the float32 lanes of M and leaves d·dall in
// lane 0 of DD. X5 holds dall and dmin as float32 (shared by the vectors);
// the mins are in X3. Clobbers X4, X6, X7.
#define TMINS(bs, bs16, d, M, DD) \
	VMOVDQU bs, X4 \
	VPHADDW bs16, X4, X4 \
	VPMADDWD X4, X3, X6 \
	VCVTDQ2PS X6, X6 \
	VBROADCASTSS d, X7 \
	VMULPS X7, X5, DD \
	VPERMILPS $0x55, DD, X7 \
	VFNMADD231PS X7, X6, M

// NIBT puts the 32 nibble bytes at off(SI) in Z8 as NIBBLES does: low
// nibbles in the lower 256 bits, high in the upper. Z14 holds upperT4<>,
// Z15 0x0f bytes.
#define NIBT(off) \
	VBROADCASTI64X4 off(SI), Z8 \
	VPSRLVQ Z14, Z8, Z8 \
	VPANDQ Z15, Z8, Z8

// Q4T(j, off, OP) multiplies sub-blocks 2j and 2j+1 (nibbles at off(SI))
// with the four vectors' 64 activations at 64j and adds them, times their
// scales, to the int32 lanes Z24-Z27; OP is VPMADDWD for chunk 0 (which
// sets the lanes) and VPDPWSSD after (which adds to them).
#define Q4T(j, off, OP) \
	NIBT(off) \
	TPROD(j, OP)

// TPROD multiplies the weights of sub-blocks 2j and 2j+1 in Z8 with the
// four vectors' 64 activations at 64j and adds them, times their scales, to
// Z24-Z27 (OP as in Q4T).
#define TPROD(j, OP) \
	VPSHUFB pairT<>+(64*(j))(SB), Z2, Z10 \
	VPMADDUBSW (64*(j))(DI), Z8, Z9 \
	OP Z10, Z9, Z24 \
	VPMADDUBSW (64*(j))(DI)(BX*1), Z8, Z9 \
	OP Z10, Z9, Z25 \
	VPMADDUBSW (64*(j))(DI)(BX*2), Z8, Z9 \
	OP Z10, Z9, Z26 \
	VPMADDUBSW (64*(j))(DI)(DX*1), Z8, Z9 \
	OP Z10, Z9, Z27

// TNEXT adds one vector's int32 lanes I, times d·dall (lane 0 of DD), into
// its float32 lanes A, as ZNEXT does.
#define TNEXT(I, DD, A) \
	VCVTDQ2PS I, Z9 \
	VBROADCASTSS DD, Z6 \
	VFMADD231PS Z6, Z9, A

// TEND sums one vector's float32 lanes A (and M) as ZEND does and stores
// the result at m.
#define TEND(A, YA, M, m) \
	VEXTRACTF64X4 $1, A, Y2 \
	VADDPS Y2, YA, Y0 \
	VEXTRACTF128 $1, Y0, X2 \
	VADDPS X2, X0, X0 \
	VADDPS M, X0, X0 \
	VHADDPS X0, X0, X0 \
	VHADDPS X0, X0, X0 \
	VMOVSS X0, m

// func dotQ4_KVNNIx4(row *byte, q *int8, d *float32, bs *int16, nb int, out *[4]float32)
TEXT ·dotQ4_KVNNIx4(SB), NOSPLIT, $0-48
	TSETUP
	VMOVDQU64 upperT4<>(SB), Z14
	MOVL $0x0f0f0f0f, AX
	VPBROADCASTD AX, Z15
	VPXORD Z16, Z16, Z16
	VPXORD Z17, Z17, Z17
	VPXORD Z18, Z18, Z18
	VPXORD Z19, Z19, Z19
	VPXORD Z20, Z20, Z20
	VPXORD Z21, Z21, Z21
	VPXORD Z22, Z22, Z22
	VPXORD Z23, Z23, Z23

q4tloop:
	TSCALES
	VMOVD (SI), X5
	VCVTPH2PS X5, X5
	TMINS((R9), 16(R9), (R8), X20, X28)
	TMINS((R9)(R11*8), 16(R9)(R11*8), (R8)(R11*1), X21, X29)
	TMINS((R9)(R12*8), 16(R9)(R12*8), (R8)(R12*1), X22, X30)
	TMINS((R9)(R13*8), 16(R9)(R13*8), (R8)(R13*1), X23, X31)
	Q4T(0, 16, VPMADDWD)
	Q4T(1, 48, VPDPWSSD)
	Q4T(2, 80, VPDPWSSD)
	Q4T(3, 112, VPDPWSSD)
	TNEXT(Z24, X28, Z16)
	TNEXT(Z25, X29, Z17)
	TNEXT(Z26, X30, Z18)
	TNEXT(Z27, X31, Z19)
	ADDQ $144, SI
	ADDQ $256, DI
	ADDQ $4, R8
	ADDQ $32, R9
	DECQ CX
	JNZ  q4tloop

	MOVQ out+40(FP), AX
	TEND(Z16, Y16, X20, 0(AX))
	TEND(Z17, Y17, X21, 4(AX))
	TEND(Z18, Y18, X22, 8(AX))
	TEND(Z19, Y19, X23, 12(AX))
	VZEROUPPER
	RET

// wordT<> holds four 64-byte VPSHUFB controls: control c copies word c of
// each 128-bit lane into every word of that lane.
DATA wordT<>+0x00(SB)/8, $0x0100010001000100
DATA wordT<>+0x08(SB)/8, $0x0100010001000100
DATA wordT<>+0x10(SB)/8, $0x0100010001000100
DATA wordT<>+0x18(SB)/8, $0x0100010001000100
DATA wordT<>+0x20(SB)/8, $0x0100010001000100
DATA wordT<>+0x28(SB)/8, $0x0100010001000100
DATA wordT<>+0x30(SB)/8, $0x0100010001000100
DATA wordT<>+0x38(SB)/8, $0x0100010001000100
DATA wordT<>+0x40(SB)/8, $0x0302030203020302
DATA wordT<>+0x48(SB)/8, $0x0302030203020302
DATA wordT<>+0x50(SB)/8, $0x0302030203020302
DATA wordT<>+0x58(SB)/8, $0x0302030203020302
DATA wordT<>+0x60(SB)/8, $0x0302030203020302
DATA wordT<>+0x68(SB)/8, $0x0302030203020302
DATA wordT<>+0x70(SB)/8, $0x0302030203020302
DATA wordT<>+0x78(SB)/8, $0x0302030203020302
DATA wordT<>+0x80(SB)/8, $0x0504050405040504
DATA wordT<>+0x88(SB)/8, $0x0504050405040504
DATA wordT<>+0x90(SB)/8, $0x0504050405040504
DATA wordT<>+0x98(SB)/8, $0x0504050405040504
DATA wordT<>+0xa0(SB)/8, $0x0504050405040504
DATA wordT<>+0xa8(SB)/8, $0x0504050405040504
DATA wordT<>+0xb0(SB)/8, $0x0504050405040504
DATA wordT<>+0xb8(SB)/8, $0x0504050405040504
DATA wordT<>+0xc0(SB)/8, $0x0706070607060706
DATA wordT<>+0xc8(SB)/8, $0x0706070607060706
DATA wordT<>+0xd0(SB)/8, $0x0706070607060706
DATA wordT<>+0xd8(SB)/8, $0x0706070607060706
DATA wordT<>+0xe0(SB)/8, $0x0706070607060706
DATA wordT<>+0xe8(SB)/8, $0x0706070607060706
DATA wordT<>+0xf0(SB)/8, $0x0706070607060706
DATA wordT<>+0xf8(SB)/8, $0x0706070607060706
GLOBL wordT<>(SB), RODATA|NOPTR, $256

// left42T<>: qword shift counts 4 then 2; right02T<>: 0 then 2 (Q6_K high
// bits). spreadT<>: VPERMQ indexes putting qword i into both halves of
// 128-bit lane i.
DATA left42T<>+0x00(SB)/8, $4
DATA left42T<>+0x08(SB)/8, $4
DATA left42T<>+0x10(SB)/8, $4
DATA left42T<>+0x18(SB)/8, $4
DATA left42T<>+0x20(SB)/8, $2
DATA left42T<>+0x28(SB)/8, $2
DATA left42T<>+0x30(SB)/8, $2
DATA left42T<>+0x38(SB)/8, $2
GLOBL left42T<>(SB), RODATA|NOPTR, $64

DATA right02T<>+0x00(SB)/8, $0
DATA right02T<>+0x08(SB)/8, $0
DATA right02T<>+0x10(SB)/8, $0
DATA right02T<>+0x18(SB)/8, $0
DATA right02T<>+0x20(SB)/8, $2
DATA right02T<>+0x28(SB)/8, $2
DATA right02T<>+0x30(SB)/8, $2
DATA right02T<>+0x38(SB)/8, $2
GLOBL right02T<>(SB), RODATA|NOPTR, $64

DATA spreadT<>+0x00(SB)/8, $0
DATA spreadT<>+0x08(SB)/8, $0
DATA spreadT<>+0x10(SB)/8, $1
DATA spreadT<>+0x18(SB)/8, $1
DATA spreadT<>+0x20(SB)/8, $2
DATA spreadT<>+0x28(SB)/8, $2
DATA spreadT<>+0x30(SB)/8, $3
DATA spreadT<>+0x38(SB)/8, $3
GLOBL spreadT<>(SB), RODATA|NOPTR, $64

// transposeT<>: VPSHUFB control reading 16 bytes as a 4x4 matrix by
// columns: bytes 0, 4, 8, 12, then 1, 5, 9, 13, and so on.
DATA transposeT<>+0x00(SB)/8, $0x0d0905010c080400
DATA transposeT<>+0x08(SB)/8, $0x0f0b07030e0a0602
GLOBL transposeT<>(SB), RODATA|NOPTR, $16

// Q6START sets one vector's int32 lanes I to -32·Σ scale·sum over the
// block's 16 groups (sums at bs, the scales as words in Y2), as
// dotQ6_KAVX512 starts its Z7. Z13 is zero.
#define Q6START(bs, I, YI) \
	VPMADDWD bs, Y2, Y9 \
	VPSLLD $5, Y9, Y9 \
	VPSUBD Y9, Y13, YI

// Q6T adds 64 values of a Q6_K block, chunk c, as Q6CHUNK does: Z11 holds
// their low nibbles (in bits 0..3 after masking with Z15) and Z10 their
// high bit pairs (in bits 4..5, masked by Z14 = 0x30 bytes); the scales of
// the four 16-value groups are in word c of Z3's four lanes. Each vector's
// 64 activations at 64c are multiplied and added to its Z24-Z27.
#define Q6T(c) \
	VPANDQ Z15, Z11, Z11 \
	VPTERNLOGD $0xf8, Z10, Z14, Z11 \
	VPSHUFB wordT<>+(64*(c))(SB), Z3, Z10 \
	VPMADDUBSW (64*(c))(DI), Z11, Z12 \
	VPDPWSSD Z10, Z12, Z24 \
	VPMADDUBSW (64*(c))(DI)(BX*1), Z11, Z12 \
	VPDPWSSD Z10, Z12, Z25 \
	VPMADDUBSW (64*(c))(DI)(BX*2), Z11, Z12 \
	VPDPWSSD Z10, Z12, Z26 \
	VPMADDUBSW (64*(c))(DI)(DX*1), Z11, Z12 \
	VPDPWSSD Z10, Z12, Z27

// Q6HALFT adds half-block n as Q6HALFZ does: low nibbles at 64n(SI), high
// bit pairs at 128+32n(SI).
#define Q6HALFT(n) \
	VMOVDQU64 (64*(n))(SI), Z8 \
	VBROADCASTI64X4 (128+32*(n))(SI), Z9 \
	VPSLLVQ Z17, Z9, Z10 \
	VMOVDQA64 Z8, Z11 \
	Q6T(2*(n)) \
	VPSRLVQ Z18, Z9, Z10 \
	VPSRLQ $4, Z8, Z11 \
	Q6T(2*(n)+1)

// Q6NEXT adds one vector's int32 lanes I, times the block's d (X5) times
// the vector's scale at d, into its float32 lanes A.
#define Q6NEXT(d, I, A) \
	VMULSS d, X5, X7 \
	TNEXT(I, X7, A)

// func dotQ6_KVNNIx4(row *byte, q *int8, d *float32, bs *int16, nb int, out *[4]float32)
TEXT ·dotQ6_KVNNIx4(SB), NOSPLIT, $0-48
	TSETUP
	MOVL $0x0f0f0f0f, AX
	VPBROADCASTD AX, Z15
	MOVL $0x30303030, AX
	VPBROADCASTD AX, Z14
	VMOVDQU64 spreadT<>(SB), Z16
	VMOVDQU64 left42T<>(SB), Z17
	VMOVDQU64 right02T<>(SB), Z18
	VPXORD Z13, Z13, Z13
	VPXORD Z20, Z20, Z20
	VPXORD Z21, Z21, Z21
	VPXORD Z22, Z22, Z22
	VPXORD Z23, Z23, Z23

q6tloop:
	// Z3 lane i: scales i, 4+i, 8+i, 12+i as words; Y2 the 16 scales.
	VMOVDQU 192(SI), X2
	VPSHUFB transposeT<>(SB), X2, X3
	VPMOVSXBW X3, Y3
	VPERMQ Z3, Z16, Z3
	VPMOVSXBW X2, Y2
	Q6START((R9), Z24, Y24)
	Q6START((R9)(R11*8), Z25, Y25)
	Q6START((R9)(R12*8), Z26, Y26)
	Q6START((R9)(R13*8), Z27, Y27)
	Q6HALFT(0)
	Q6HALFT(1)
	MOVWLZX 208(SI), AX
	VMOVD AX, X5
	VCVTPH2PS X5, X5
	Q6NEXT((R8), Z24, Z20)
	Q6NEXT((R8)(R11*1), Z25, Z21)
	Q6NEXT((R8)(R12*1), Z26, Z22)
	Q6NEXT((R8)(R13*1), Z27, Z23)
	ADDQ $210, SI
	ADDQ $256, DI
	ADDQ $4, R8
	ADDQ $32, R9
	DECQ CX
	JNZ  q6tloop

	// The one-vector kernel adds its (zero) mins lanes too: X13 is zero.
	MOVQ out+40(FP), AX
	TEND(Z20, Y20, X13, 0(AX))
	TEND(Z21, Y21, X13, 4(AX))
	TEND(Z22, Y22, X13, 8(AX))
	TEND(Z23, Y23, X13, 12(AX))
	VZEROUPPER
	RET

// upper1T<>: qword shift counts, 0 in the lower 256 bits and 1 in the upper.
DATA upper1T<>+0x00(SB)/8, $0
DATA upper1T<>+0x08(SB)/8, $0
DATA upper1T<>+0x10(SB)/8, $0
DATA upper1T<>+0x18(SB)/8, $0
DATA upper1T<>+0x20(SB)/8, $1
DATA upper1T<>+0x28(SB)/8, $1
DATA upper1T<>+0x30(SB)/8, $1
DATA upper1T<>+0x38(SB)/8, $1
GLOBL upper1T<>(SB), RODATA|NOPTR, $64

// FIFTHT sets bit 4 of the weights in Z8 from bit 4 of Z9, as
// dotQ5_KAVX512's FIFTH (Z12 = 0x10 bytes).
#define FIFTHT VPTERNLOGD $0xf8, Z9, Z12, Z8

// func dotQ5_KVNNIx4(row *byte, q *int8, d *float32, bs *int16, nb int, out *[4]float32)
//
// The Q4_K tile with the fifth bits added as dotQ5_KAVX512 adds them: Z13
// holds the block's 32 bytes of fifth bits, the upper half shifted by 1,
// and each chunk shifts them into bit 4 of Z9.
TEXT ·dotQ5_KVNNIx4(SB), NOSPLIT, $0-48
	TSETUP
	VMOVDQU64 upperT4<>(SB), Z14
	VMOVDQU64 upper1T<>(SB), Z11
	MOVL $0x0f0f0f0f, AX
	VPBROADCASTD AX, Z15
	MOVL $0x10101010, AX
	VPBROADCASTD AX, Z12
	VPXORD Z16, Z16, Z16
	VPXORD Z17, Z17, Z17
	VPXORD Z18, Z18, Z18
	VPXORD Z19, Z19, Z19
	VPXORD Z20, Z20, Z20
	VPXORD Z21, Z21, Z21
	VPXORD Z22, Z22, Z22
	VPXORD Z23, Z23, Z23

q5tloop:
	TSCALES
	VMOVD (SI), X5
	VCVTPH2PS X5, X5
	TMINS((R9), 16(R9), (R8), X20, X28)
	TMINS((R9)(R11*8), 16(R9)(R11*8), (R8)(R11*1), X21, X29)
	TMINS((R9)(R12*8), 16(R9)(R12*8), (R8)(R12*1), X22, X30)
	TMINS((R9)(R13*8), 16(R9)(R13*8), (R8)(R13*1), X23, X31)
	VBROADCASTI64X4 16(SI), Z13
	VPSRLVQ Z11, Z13, Z13
	NIBT(48)
	VPSLLQ $4, Z13, Z9
	FIFTHT
	TPROD(0, VPMADDWD)
	NIBT(80)
	VPSLLQ $2, Z13, Z9
	FIFTHT
	TPROD(1, VPDPWSSD)
	NIBT(112)
	VMOVDQA64 Z13, Z9
	FIFTHT
	TPROD(2, VPDPWSSD)
	NIBT(144)
	VPSRLQ $2, Z13, Z9
	FIFTHT
	TPROD(3, VPDPWSSD)
	TNEXT(Z24, X28, Z16)
	TNEXT(Z25, X29, Z17)
	TNEXT(Z26, X30, Z18)
	TNEXT(Z27, X31, Z19)
	ADDQ $176, SI
	ADDQ $256, DI
	ADDQ $4, R8
	ADDQ $32, R9
	DECQ CX
	JNZ  q5tloop

	MOVQ out+40(FP), AX
	TEND(Z16, Y16, X20, 0(AX))
	TEND(Z17, Y17, X21, 4(AX))
	TEND(Z18, Y18, X22, 8(AX))
	TEND(Z19, Y19, X23, 12(AX))
	VZEROUPPER
	RET
