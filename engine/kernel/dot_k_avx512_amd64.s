// AVX-512 (F, BW) kernels for K-quant rows times Q8_K activations, the
// AVX2 method of dot_k_amd64.s on 64 bytes at a time: each 32 bytes of
// Q4_K/Q5_K nibbles are broadcast to both halves of a ZMM register and the
// upper half shifted by 4, so that one register holds the low and high
// nibbles of two sub-blocks in the order of 64 contiguous activations.

#include "textflag.h"
#include "dot_k_amd64.h"

// wordZ<> holds four 64-byte VPSHUFB controls: control c copies word c of
// each 128-bit lane into every word of that lane.
DATA wordZ<>+0x00(SB)/8, $0x0100010001000100
DATA wordZ<>+0x08(SB)/8, $0x0100010001000100
DATA wordZ<>+0x10(SB)/8, $0x0100010001000100
DATA wordZ<>+0x18(SB)/8, $0x0100010001000100
DATA wordZ<>+0x20(SB)/8, $0x0100010001000100
DATA wordZ<>+0x28(SB)/8, $0x0100010001000100
DATA wordZ<>+0x30(SB)/8, $0x0100010001000100
DATA wordZ<>+0x38(SB)/8, $0x0100010001000100
DATA wordZ<>+0x40(SB)/8, $0x0302030203020302
DATA wordZ<>+0x48(SB)/8, $0x0302030203020302
DATA wordZ<>+0x50(SB)/8, $0x0302030203020302
DATA wordZ<>+0x58(SB)/8, $0x0302030203020302
DATA wordZ<>+0x60(SB)/8, $0x0302030203020302
DATA wordZ<>+0x68(SB)/8, $0x0302030203020302
DATA wordZ<>+0x70(SB)/8, $0x0302030203020302
DATA wordZ<>+0x78(SB)/8, $0x0302030203020302
DATA wordZ<>+0x80(SB)/8, $0x0504050405040504
DATA wordZ<>+0x88(SB)/8, $0x0504050405040504
DATA wordZ<>+0x90(SB)/8, $0x0504050405040504
DATA wordZ<>+0x98(SB)/8, $0x0504050405040504
DATA wordZ<>+0xa0(SB)/8, $0x0504050405040504
DATA wordZ<>+0xa8(SB)/8, $0x0504050405040504
DATA wordZ<>+0xb0(SB)/8, $0x0504050405040504
DATA wordZ<>+0xb8(SB)/8, $0x0504050405040504
DATA wordZ<>+0xc0(SB)/8, $0x0706070607060706
DATA wordZ<>+0xc8(SB)/8, $0x0706070607060706
DATA wordZ<>+0xd0(SB)/8, $0x0706070607060706
DATA wordZ<>+0xd8(SB)/8, $0x0706070607060706
DATA wordZ<>+0xe0(SB)/8, $0x0706070607060706
DATA wordZ<>+0xe8(SB)/8, $0x0706070607060706
DATA wordZ<>+0xf0(SB)/8, $0x0706070607060706
DATA wordZ<>+0xf8(SB)/8, $0x0706070607060706
GLOBL wordZ<>(SB), RODATA|NOPTR, $256

// pairZ<> holds four 64-byte VPSHUFB controls: control j copies word 2j of
// each lane into the lower 256 bits and word 2j+1 into the upper ones.
DATA pairZ<>+0x00(SB)/8, $0x0100010001000100
DATA pairZ<>+0x08(SB)/8, $0x0100010001000100
DATA pairZ<>+0x10(SB)/8, $0x0100010001000100
DATA pairZ<>+0x18(SB)/8, $0x0100010001000100
DATA pairZ<>+0x20(SB)/8, $0x0302030203020302
DATA pairZ<>+0x28(SB)/8, $0x0302030203020302
DATA pairZ<>+0x30(SB)/8, $0x0302030203020302
DATA pairZ<>+0x38(SB)/8, $0x0302030203020302
DATA pairZ<>+0x40(SB)/8, $0x0504050405040504
DATA pairZ<>+0x48(SB)/8, $0x0504050405040504
DATA pairZ<>+0x50(SB)/8, $0x0504050405040504
DATA pairZ<>+0x58(SB)/8, $0x0504050405040504
DATA pairZ<>+0x60(SB)/8, $0x0706070607060706
DATA pairZ<>+0x68(SB)/8, $0x0706070607060706
DATA pairZ<>+0x70(SB)/8, $0x0706070607060706
DATA pairZ<>+0x78(SB)/8, $0x0706070607060706
DATA pairZ<>+0x80(SB)/8, $0x0908090809080908
DATA pairZ<>+0x88(SB)/8, $0x0908090809080908
DATA pairZ<>+0x90(SB)/8, $0x0908090809080908
DATA pairZ<>+0x98(SB)/8, $0x0908090809080908
DATA pairZ<>+0xa0(SB)/8, $0x0b0a0b0a0b0a0b0a
DATA pairZ<>+0xa8(SB)/8, $0x0b0a0b0a0b0a0b0a
DATA pairZ<>+0xb0(SB)/8, $0x0b0a0b0a0b0a0b0a
DATA pairZ<>+0xb8(SB)/8, $0x0b0a0b0a0b0a0b0a
DATA pairZ<>+0xc0(SB)/8, $0x0d0c0d0c0d0c0d0c
DATA pairZ<>+0xc8(SB)/8, $0x0d0c0d0c0d0c0d0c
DATA pairZ<>+0xd0(SB)/8, $0x0d0c0d0c0d0c0d0c
DATA pairZ<>+0xd8(SB)/8, $0x0d0c0d0c0d0c0d0c
DATA pairZ<>+0xe0(SB)/8, $0x0f0e0f0e0f0e0f0e
DATA pairZ<>+0xe8(SB)/8, $0x0f0e0f0e0f0e0f0e
DATA pairZ<>+0xf0(SB)/8, $0x0f0e0f0e0f0e0f0e
DATA pairZ<>+0xf8(SB)/8, $0x0f0e0f0e0f0e0f0e
GLOBL pairZ<>(SB), RODATA|NOPTR, $256

// upper4<>, upper1<>: qword shift counts, 0 in the lower 256 bits and 4
// (or 1) in the upper ones.
DATA upper4<>+0x00(SB)/8, $0
DATA upper4<>+0x08(SB)/8, $0
DATA upper4<>+0x10(SB)/8, $0
DATA upper4<>+0x18(SB)/8, $0
DATA upper4<>+0x20(SB)/8, $4
DATA upper4<>+0x28(SB)/8, $4
DATA upper4<>+0x30(SB)/8, $4
DATA upper4<>+0x38(SB)/8, $4
GLOBL upper4<>(SB), RODATA|NOPTR, $64

DATA upper1<>+0x00(SB)/8, $0
DATA upper1<>+0x08(SB)/8, $0
DATA upper1<>+0x10(SB)/8, $0
DATA upper1<>+0x18(SB)/8, $0
DATA upper1<>+0x20(SB)/8, $1
DATA upper1<>+0x28(SB)/8, $1
DATA upper1<>+0x30(SB)/8, $1
DATA upper1<>+0x38(SB)/8, $1
GLOBL upper1<>(SB), RODATA|NOPTR, $64

// left42<>: shift counts 4 then 2; right02<>: 0 then 2 (Q6_K high bits).
DATA left42<>+0x00(SB)/8, $4
DATA left42<>+0x08(SB)/8, $4
DATA left42<>+0x10(SB)/8, $4
DATA left42<>+0x18(SB)/8, $4
DATA left42<>+0x20(SB)/8, $2
DATA left42<>+0x28(SB)/8, $2
DATA left42<>+0x30(SB)/8, $2
DATA left42<>+0x38(SB)/8, $2
GLOBL left42<>(SB), RODATA|NOPTR, $64

DATA right02<>+0x00(SB)/8, $0
DATA right02<>+0x08(SB)/8, $0
DATA right02<>+0x10(SB)/8, $0
DATA right02<>+0x18(SB)/8, $0
DATA right02<>+0x20(SB)/8, $2
DATA right02<>+0x28(SB)/8, $2
DATA right02<>+0x30(SB)/8, $2
DATA right02<>+0x38(SB)/8, $2
GLOBL right02<>(SB), RODATA|NOPTR, $64

// spread<>: VPERMQ indexes putting qword i into both halves of lane i.
DATA spread<>+0x00(SB)/8, $0
DATA spread<>+0x08(SB)/8, $0
DATA spread<>+0x10(SB)/8, $1
DATA spread<>+0x18(SB)/8, $1
DATA spread<>+0x20(SB)/8, $2
DATA spread<>+0x28(SB)/8, $2
DATA spread<>+0x30(SB)/8, $3
DATA spread<>+0x38(SB)/8, $3
GLOBL spread<>(SB), RODATA|NOPTR, $64

// transpose4<>: VPSHUFB control reading 16 bytes as a 4x4 matrix by
// columns: bytes 0, 4, 8, 12, then 1, 5, 9, 13, and so on.
DATA transpose4<>+0x00(SB)/8, $0x0d0905010c080400
DATA transpose4<>+0x08(SB)/8, $0x0f0b07030e0a0602
GLOBL transpose4<>(SB), RODATA|NOPTR, $16

// ZSETUP loads the row arguments and clears the float32 sums Z0 and X1;
// Z15 holds 0x0f bytes.
#define ZSETUP \
	MOVQ row+0(FP), SI \
	MOVQ q+8(FP), DI \
	MOVQ d+16(FP), R8 \
	MOVQ bs+24(FP), R9 \
	MOVQ nb+32(FP), CX \
	VPXORD Z0, Z0, Z0 \
	VXORPS X1, X1, X1 \
	MOVL $0x0f0f0f0f, AX \
	VPBROADCASTD AX, Z15

// ZNEXT adds the block's int32 lanes Z7, times d*dall (X5 lane 0), into
// the float32 lanes of Z0 and steps to the next block of size bytes.
#define ZNEXT(size) \
	VCVTDQ2PS Z7, Z7 \
	VBROADCASTSS X5, Z6 \
	VFMADD231PS Z6, Z7, Z0 \
	ADDQ $size, SI \
	ADDQ $256, DI \
	ADDQ $4, R8 \
	ADDQ $32, R9 \
	DECQ CX

// ZEND folds Z0 into Y0, sums the lanes with X1 into X0 and stores it.
#define ZEND \
	VEXTRACTF64X4 $1, Z0, Y2 \
	VADDPS Y2, Y0, Y0 \
	ROWEND \
	VMOVSS X0, ret+40(FP) \
	RET

// KCHUNK adds sub-blocks 2j and 2j+1 of a Q4_K or Q5_K block from their
// weights in the bytes of Z8 (values 0..31) against the 64 activations at
// 64j(DI); Z2 holds the eight scales as words in every lane.
#define KCHUNK(j) \
	VPMADDUBSW (64*(j))(DI), Z8, Z8 \
	VPSHUFB pairZ<>+(64*(j))(SB), Z2, Z10 \
	VPMADDWD Z10, Z8, Z8 \
	VPADDD Z8, Z7, Z7

// NIBBLES puts the 32 nibble bytes at off(SI) in Z8: low nibbles in the
// lower 256 bits, high in the upper. Z14 holds upper4<>.
#define NIBBLES(off) \
	VBROADCASTI64X4 off(SI), Z8 \
	VPSRLVQ Z14, Z8, Z8 \
	VPANDQ Z15, Z8, Z8

// func dotQ4_KAVX512(row *byte, q *int8, d *float32, bs *int16, nb int) float32
TEXT ·dotQ4_KAVX512(SB), NOSPLIT, $0-44
	ZSETUP
	VMOVDQU64 upper4<>(SB), Z14

q4zloop:
	KSCALES(4)
	VSHUFI64X2 $0x44, Z2, Z2, Z2
	KMINS
	VPXORD Z7, Z7, Z7
	NIBBLES(16)
	KCHUNK(0)
	NIBBLES(48)
	KCHUNK(1)
	NIBBLES(80)
	KCHUNK(2)
	NIBBLES(112)
	KCHUNK(3)
	ZNEXT(144)
	JNZ q4zloop
	ZEND

// FIFTH sets bit 4 of the weights in Z8 from bit 4 of Z9 (a shifted copy
// of the fifth bits; Z12 = 0x10 bytes).
#define FIFTH VPTERNLOGD $0xf8, Z9, Z12, Z8

// func dotQ5_KAVX512(row *byte, q *int8, d *float32, bs *int16, nb int) float32
TEXT ·dotQ5_KAVX512(SB), NOSPLIT, $0-44
	ZSETUP
	VMOVDQU64 upper4<>(SB), Z14
	VMOVDQU64 upper1<>(SB), Z11
	MOVL $0x10101010, AX
	VPBROADCASTD AX, Z12

q5zloop:
	KSCALES(4)
	VSHUFI64X2 $0x44, Z2, Z2, Z2
	KMINS
	VPXORD Z7, Z7, Z7
	// Z13: the fifth bits, the upper half shifted by 1, so that bit 2j
	// of each byte is sub-block 2j's in the lower half and 2j+1's in the
	// upper; each chunk shifts it into bit 4 (within the byte) of Z9.
	VBROADCASTI64X4 16(SI), Z13
	VPSRLVQ Z11, Z13, Z13
	NIBBLES(48)
	VPSLLQ $4, Z13, Z9
	FIFTH
	KCHUNK(0)
	NIBBLES(80)
	VPSLLQ $2, Z13, Z9
	FIFTH
	KCHUNK(1)
	NIBBLES(112)
	VMOVDQA64 Z13, Z9
	FIFTH
	KCHUNK(2)
	NIBBLES(144)
	VPSRLQ $2, Z13, Z9
	FIFTH
	KCHUNK(3)
	ZNEXT(176)
	JNZ q5zloop
	ZEND

// Q6CHUNK adds 64 values of a Q6_K block, chunk c: Z11 holds their low
// nibbles (in bits 0..3 after masking with Z15) and Z10 their high bit
// pairs (in bits 4..5, masked by Z14 = 0x30 bytes). The four 16-value
// groups have their scales in word c of Z3's four lanes.
#define Q6CHUNK(c) \
	VPANDQ Z15, Z11, Z11 \
	VPTERNLOGD $0xf8, Z10, Z14, Z11 \
	VPMADDUBSW (64*(c))(DI), Z11, Z11 \
	VPSHUFB wordZ<>+(64*(c))(SB), Z3, Z10 \
	VPMADDWD Z10, Z11, Z11 \
	VPADDD Z11, Z7, Z7

// Q6HALFZ adds half-block n: low nibbles at 64n(SI) (the first 32 bytes
// for values 0..31 and 64..95, the next for 32..63 and 96..127), high bit
// pairs at 128+32n(SI).
#define Q6HALFZ(n) \
	VMOVDQU64 (64*(n))(SI), Z8 \
	VBROADCASTI64X4 (128+32*(n))(SI), Z9 \
	VPSLLVQ Z17, Z9, Z10 \
	VMOVDQA64 Z8, Z11 \
	Q6CHUNK(2*(n)) \
	VPSRLVQ Z18, Z9, Z10 \
	VPSRLQ $4, Z8, Z11 \
	Q6CHUNK(2*(n)+1)

// func dotQ6_KAVX512(row *byte, q *int8, d *float32, bs *int16, nb int) float32
TEXT ·dotQ6_KAVX512(SB), NOSPLIT, $0-44
	ZSETUP
	MOVL $0x30303030, AX
	VPBROADCASTD AX, Z14
	VMOVDQU64 spread<>(SB), Z16
	VMOVDQU64 left42<>(SB), Z17
	VMOVDQU64 right02<>(SB), Z18

q6zloop:
	// Z3 lane i: scales i, 4+i, 8+i, 12+i as words; Z7 starts at
	// -32 * Σ scale*sum over the 16 groups.
	VMOVDQU 192(SI), X2
	VPSHUFB transpose4<>(SB), X2, X3
	VPMOVSXBW X3, Y3
	VPERMQ Z3, Z16, Z3
	VPMOVSXBW X2, Y2
	VPMADDWD (R9), Y2, Y2
	VPSLLD $5, Y2, Y2
	VPXOR Y7, Y7, Y7
	VPSUBD Y2, Y7, Y7
	Q6HALFZ(0)
	Q6HALFZ(1)
	MOVWLZX 208(SI), AX
	VMOVD AX, X5
	VCVTPH2PS X5, X5
	VMULSS (R8), X5, X5
	ZNEXT(210)
	JNZ q6zloop
	ZEND
