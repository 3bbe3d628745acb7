// AVX2 kernels for K-quant rows times Q8_K activations (see dot_k_amd64.go).
//
// Weights are unsigned (0..15, 0..31 or 0..63) and activations signed, so
// VPMADDUBSW multiplies 32 of each and adds neighbours into 16 int16 (at
// most 2*63*128, no saturation); VPMADDWD with the sub-block's scale in
// every word then gives 8 exact int32 sums. Each super-block's int32 lanes
// are converted to float32 and added with FMA, times the block's scales,
// into 8 float32 lanes summed once at the end.

#include "textflag.h"
#include "dot_k_amd64.h"

// wordK<> holds eight 32-byte VPSHUFB controls: control k copies word k of
// each 128-bit lane into every word of that lane.
DATA wordK<>+0x00(SB)/8, $0x0100010001000100
DATA wordK<>+0x08(SB)/8, $0x0100010001000100
DATA wordK<>+0x10(SB)/8, $0x0100010001000100
DATA wordK<>+0x18(SB)/8, $0x0100010001000100
DATA wordK<>+0x20(SB)/8, $0x0302030203020302
DATA wordK<>+0x28(SB)/8, $0x0302030203020302
DATA wordK<>+0x30(SB)/8, $0x0302030203020302
DATA wordK<>+0x38(SB)/8, $0x0302030203020302
DATA wordK<>+0x40(SB)/8, $0x0504050405040504
DATA wordK<>+0x48(SB)/8, $0x0504050405040504
DATA wordK<>+0x50(SB)/8, $0x0504050405040504
DATA wordK<>+0x58(SB)/8, $0x0504050405040504
DATA wordK<>+0x60(SB)/8, $0x0706070607060706
DATA wordK<>+0x68(SB)/8, $0x0706070607060706
DATA wordK<>+0x70(SB)/8, $0x0706070607060706
DATA wordK<>+0x78(SB)/8, $0x0706070607060706
DATA wordK<>+0x80(SB)/8, $0x0908090809080908
DATA wordK<>+0x88(SB)/8, $0x0908090809080908
DATA wordK<>+0x90(SB)/8, $0x0908090809080908
DATA wordK<>+0x98(SB)/8, $0x0908090809080908
DATA wordK<>+0xa0(SB)/8, $0x0b0a0b0a0b0a0b0a
DATA wordK<>+0xa8(SB)/8, $0x0b0a0b0a0b0a0b0a
DATA wordK<>+0xb0(SB)/8, $0x0b0a0b0a0b0a0b0a
DATA wordK<>+0xb8(SB)/8, $0x0b0a0b0a0b0a0b0a
DATA wordK<>+0xc0(SB)/8, $0x0d0c0d0c0d0c0d0c
DATA wordK<>+0xc8(SB)/8, $0x0d0c0d0c0d0c0d0c
DATA wordK<>+0xd0(SB)/8, $0x0d0c0d0c0d0c0d0c
DATA wordK<>+0xd8(SB)/8, $0x0d0c0d0c0d0c0d0c
DATA wordK<>+0xe0(SB)/8, $0x0f0e0f0e0f0e0f0e
DATA wordK<>+0xe8(SB)/8, $0x0f0e0f0e0f0e0f0e
DATA wordK<>+0xf0(SB)/8, $0x0f0e0f0e0f0e0f0e
DATA wordK<>+0xf8(SB)/8, $0x0f0e0f0e0f0e0f0e
GLOBL wordK<>(SB), RODATA|NOPTR, $256

// evenOdd<> is a VPSHUFB control putting the even bytes of 16 first, then
// the odd ones.
DATA evenOdd<>+0x00(SB)/8, $0x0e0c0a0806040200
DATA evenOdd<>+0x08(SB)/8, $0x0f0d0b0907050301
GLOBL evenOdd<>(SB), RODATA|NOPTR, $16

// SCALED adds into the int32 lanes of Y7 the products in the int16 lanes
// of P (from VPMADDUBSW), times word k of Y2's lanes. Clobbers Y10.
#define SCALED(P, k) \
	VPSHUFB wordK<>+(32*(k))(SB), Y2, Y10 \
	VPMADDWD Y10, P, P \
	VPADDD P, Y7, Y7

// Q4PAIR adds sub-blocks 2j and 2j+1 of a Q4_K block: the 32 nibble bytes
// at off(SI) against the activations at 64j(DI). Y15 holds 0x0f bytes.
#define Q4PAIR(off, j) \
	VMOVDQU off(SI), Y8 \
	VPSRLW $4, Y8, Y9 \
	VPAND Y15, Y8, Y8 \
	VPAND Y15, Y9, Y9 \
	VPMADDUBSW (64*j)(DI), Y8, Y8 \
	VPMADDUBSW (64*j+32)(DI), Y9, Y9 \
	SCALED(Y8, 2*j) \
	SCALED(Y9, 2*j+1)

// BLOCKEND adds the int32 lanes of Y7, times d*dall (X5 lane 0), into the
// float32 lanes of Y0.
#define BLOCKEND \
	VCVTDQ2PS Y7, Y7 \
	VBROADCASTSS X5, Y6 \
	VFMADD231PS Y6, Y7, Y0

// func dotQ4_KAVX2(row *byte, q *int8, d *float32, bs *int16, nb int) float32
TEXT ·dotQ4_KAVX2(SB), NOSPLIT, $0-44
	MOVQ row+0(FP), SI
	MOVQ q+8(FP), DI
	MOVQ d+16(FP), R8
	MOVQ bs+24(FP), R9
	MOVQ nb+32(FP), CX
	VXORPS Y0, Y0, Y0
	VXORPS X1, X1, X1
	MOVL $0x0f0f0f0f, AX
	VMOVD AX, X15
	VPBROADCASTD X15, Y15

q4loop:
	KSCALES(4)
	KMINS
	VPXOR Y7, Y7, Y7
	Q4PAIR(16, 0)
	Q4PAIR(48, 1)
	Q4PAIR(80, 2)
	Q4PAIR(112, 3)
	BLOCKEND
	ADDQ $144, SI
	ADDQ $256, DI
	ADDQ $4, R8
	ADDQ $32, R9
	DECQ CX
	JNZ  q4loop

	ROWEND
	VMOVSS X0, ret+40(FP)
	RET

// Q5PAIR is Q4PAIR for Q5_K: Y13 holds the block's 32 fifth-bit bytes,
// shifted right by 2j, whose bits 0 and 1 go to bit 4 of the two
// sub-blocks; it is shifted on by 2. Y14 holds 0x01 bytes.
#define Q5PAIR(off, j) \
	VMOVDQU off(SI), Y8 \
	VPSRLW $4, Y8, Y9 \
	VPAND Y15, Y8, Y8 \
	VPAND Y15, Y9, Y9 \
	VPAND Y14, Y13, Y11 \
	VPSLLW $4, Y11, Y11 \
	VPOR Y11, Y8, Y8 \
	VPSRLW $1, Y13, Y13 \
	VPAND Y14, Y13, Y11 \
	VPSLLW $4, Y11, Y11 \
	VPOR Y11, Y9, Y9 \
	VPSRLW $1, Y13, Y13 \
	VPMADDUBSW (64*j)(DI), Y8, Y8 \
	VPMADDUBSW (64*j+32)(DI), Y9, Y9 \
	SCALED(Y8, 2*j) \
	SCALED(Y9, 2*j+1)

// func dotQ5_KAVX2(row *byte, q *int8, d *float32, bs *int16, nb int) float32
TEXT ·dotQ5_KAVX2(SB), NOSPLIT, $0-44
	MOVQ row+0(FP), SI
	MOVQ q+8(FP), DI
	MOVQ d+16(FP), R8
	MOVQ bs+24(FP), R9
	MOVQ nb+32(FP), CX
	VXORPS Y0, Y0, Y0
	VXORPS X1, X1, X1
	MOVL $0x0f0f0f0f, AX
	VMOVD AX, X15
	VPBROADCASTD X15, Y15
	MOVL $0x01010101, AX
	VMOVD AX, X14
	VPBROADCASTD X14, Y14

q5loop:
	KSCALES(4)
	KMINS
	VPXOR Y7, Y7, Y7
	VMOVDQU 16(SI), Y13
	Q5PAIR(48, 0)
	Q5PAIR(80, 1)
	Q5PAIR(112, 2)
	Q5PAIR(144, 3)
	BLOCKEND
	ADDQ $176, SI
	ADDQ $256, DI
	ADDQ $4, R8
	ADDQ $32, R9
	DECQ CX
	JNZ  q5loop

	ROWEND
	VMOVSS X0, ret+40(FP)
	RET

// Q6TAIL adds one 32-value quarter of a Q6_K half-block: LO holds its low
// nibbles (in bits 0..3, kept by the mask Y15) and HI its two high bits (in
// bits 4..5, kept by the mask Y14 = 0x30 bytes). Values are 0..63; the
// offset of 32 is taken out per block with the activation sums. The
// quarter's two 16-value groups have their scales in word k of Y3's lanes.
#define Q6TAIL(y, k, LO, HI) \
	VPAND Y15, LO, Y11 \
	VPAND Y14, HI, Y12 \
	VPOR Y12, Y11, Y11 \
	VPMADDUBSW (y)(DI), Y11, Y11 \
	VPSHUFB wordK<>+(32*(k))(SB), Y3, Y10 \
	VPMADDWD Y10, Y11, Y11 \
	VPADDD Y11, Y7, Y7

// Q6HALF adds half-block n (128 values): low nibbles at 64n(SI), high bit
// pairs at 128+32n(SI), activations at 128n(DI).
#define Q6HALF(n) \
	VMOVDQU (64*n)(SI), Y8 \
	VMOVDQU (64*n+32)(SI), Y9 \
	VMOVDQU (128+32*n)(SI), Y13 \
	VPSLLW $4, Y13, Y12 \
	Q6TAIL(128*n, 4*n, Y8, Y12) \
	VPSLLW $2, Y13, Y12 \
	Q6TAIL(128*n+32, 4*n+1, Y9, Y12) \
	VPSRLW $4, Y8, Y11 \
	Q6TAIL(128*n+64, 4*n+2, Y11, Y13) \
	VPSRLW $4, Y9, Y11 \
	VPSRLW $2, Y13, Y12 \
	Q6TAIL(128*n+96, 4*n+3, Y11, Y12)

// func dotQ6_KAVX2(row *byte, q *int8, d *float32, bs *int16, nb int) float32
TEXT ·dotQ6_KAVX2(SB), NOSPLIT, $0-44
	MOVQ row+0(FP), SI
	MOVQ q+8(FP), DI
	MOVQ d+16(FP), R8
	MOVQ bs+24(FP), R9
	MOVQ nb+32(FP), CX
	VXORPS Y0, Y0, Y0
	VXORPS X1, X1, X1
	MOVL $0x0f0f0f0f, AX
	VMOVD AX, X15
	VPBROADCASTD X15, Y15
	MOVL $0x30303030, AX
	VMOVD AX, X14
	VPBROADCASTD X14, Y14

q6loop:
	// Y3: even scales in the low lane's words, odd in the high lane's;
	// Y7 starts at -32 * Σ scale*sum over the 16 groups.
	VMOVDQU 192(SI), X2
	VPSHUFB evenOdd<>(SB), X2, X3
	VPMOVSXBW X3, Y3
	VPMOVSXBW X2, Y2
	VPMADDWD (R9), Y2, Y2
	VPSLLD $5, Y2, Y2
	VPXOR Y7, Y7, Y7
	VPSUBD Y2, Y7, Y7
	Q6HALF(0)
	Q6HALF(1)
	MOVWLZX 208(SI), AX
	VMOVD AX, X5
	VCVTPH2PS X5, X5
	VMULSS (R8), X5, X5
	BLOCKEND
	ADDQ $210, SI
	ADDQ $256, DI
	ADDQ $4, R8
	ADDQ $32, R9
	DECQ CX
	JNZ  q6loop

	ROWEND
	VMOVSS X0, ret+40(FP)
	RET
