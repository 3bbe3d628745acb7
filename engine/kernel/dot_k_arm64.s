#include "textflag.h"

// NEON kernels of the Q4_K, Q5_K and Q6_K row products with Q8_K activations
// (dispatch and contract in dot_k_arm64.go), and at the end the Q4_K, Q5_K
// and Q6_K tiles built from the same macros. Each row call does a whole row of
// nb ≥ 1 super-blocks of 256 values. Per super-block the sub-block products
// are exact int32 sums of byte products, multiplied by their integer scales
// and summed into R22 (sumi) in general registers; the super-block is then
// scaled in float32 as the plain-Go kernel does and added to F31.
//
// The byte products are SDOT where the CPU has the dot product
// instructions, and otherwise SMULL/SMULL2 into int16 lanes (a weight
// value, |v| ≤ 32, times an int8 fits int16) whose pairs SADALP adds
// into int32 lanes.
//
// Go's assembler has no mnemonics for these instructions, so they are
// WORDs with these encodings (Arm A64 Advanced SIMD; m, n, d are V
// register numbers):
//   SMULL  Vd.8H, Vn.8B,  Vm.8B   0x0E20C000 | m<<16 | n<<5 | d
//   SMULL2 Vd.8H, Vn.16B, Vm.16B  0x4E20C000 | m<<16 | n<<5 | d
//   SMULL  Vd.4S, Vn.4H,  Vm.4H   0x0E60C000 | m<<16 | n<<5 | d
//   SMULL2 Vd.4S, Vn.8H,  Vm.8H   0x4E60C000 | m<<16 | n<<5 | d
//   SADALP Vd.4S, Vn.8H           0x4E606800 | n<<5 | d
//   SDOT   Vd.4S, Vn.16B, Vm.16B  0x4E809400 | m<<16 | n<<5 | d  (ARMv8.2 dotprod)
#define SMULL(m, n, d) WORD $(0x0E20C000 | (m)<<16 | (n)<<5 | (d))
#define SMULL2(m, n, d) WORD $(0x4E20C000 | (m)<<16 | (n)<<5 | (d))
#define SMULLH(m, n, d) WORD $(0x0E60C000 | (m)<<16 | (n)<<5 | (d))
#define SMULL2H(m, n, d) WORD $(0x4E60C000 | (m)<<16 | (n)<<5 | (d))
#define SADALP(n, d) WORD $(0x4E606800 | (n)<<5 | (d))
#define SDOT(m, n, d) WORD $(0x4E809400 | (m)<<16 | (n)<<5 | (d))

// SUM_TO(r): r (32 bits) = the sum of V15's four int32 lanes.
#define SUM_TO(r) \
	VADDV  V15.S4, V15; \
	VMOV   V15.S[0], r

// DOT16_SDOT(y, q, r): r = Σ Vy.16B · Vq.16B (signed bytes).
#define DOT16_SDOT(y, q, r) \
	VEOR   V15.B16, V15.B16, V15.B16; \
	SDOT(y, q, 15); \
	SUM_TO(r)

// DOT16_NEON(y, q, r): the same without dotprod.
#define DOT16_NEON(y, q, r) \
	VEOR   V15.B16, V15.B16, V15.B16; \
	SMULL(y, q, 16); \
	SMULL2(y, q, 17); \
	SADALP(16, 15); \
	SADALP(17, 15); \
	SUM_TO(r)

// DOT32_SDOT(ya, qa, yb, qb, r): r = Σ Vya·Vqa + Σ Vyb·Vqb (signed bytes).
#define DOT32_SDOT(ya, qa, yb, qb, r) \
	VEOR   V15.B16, V15.B16, V15.B16; \
	SDOT(ya, qa, 15); \
	SDOT(yb, qb, 15); \
	SUM_TO(r)

// DOT32_NEON(ya, qa, yb, qb, r): the same without dotprod.
#define DOT32_NEON(ya, qa, yb, qb, r) \
	VEOR   V15.B16, V15.B16, V15.B16; \
	SMULL(ya, qa, 16); \
	SMULL2(ya, qa, 17); \
	SADALP(16, 15); \
	SADALP(17, 15); \
	SMULL(yb, qb, 16); \
	SMULL2(yb, qb, 17); \
	SADALP(16, 15); \
	SADALP(17, 15); \
	SUM_TO(r)

// Q4K_SCALES: R9 = the eight 6-bit scales of the Q4_K super-block at R0,
// one per byte (sub-block j in byte j), R10 = its eight mins, from the 12
// packed bytes at 4(R0): with u0, u1, u2 their three little-endian words,
// scales 0-3 are u0 & 0x3f3f3f3f, mins 0-3 u1 & 0x3f3f3f3f, scales 4-7
// (u2 & 0x0f0f0f0f) | (u0>>6 & 0x03030303)<<4 and mins 4-7
// (u2>>4 & 0x0f0f0f0f) | (u1>>6 & 0x03030303)<<4. R23-R25 hold the masks.
#define Q4K_SCALES \
	MOVWU  4(R0), R5; \
	MOVWU  8(R0), R6; \
	MOVWU  12(R0), R7; \
	AND    R23, R5, R9; \
	AND    R23, R6, R10; \
	AND    R24, R7, R11; \
	LSRW   $4, R7, R12; \
	AND    R24, R12, R12; \
	LSRW   $6, R5, R13; \
	AND    R25, R13, R13; \
	ORR    R13<<4, R11, R11; \
	LSRW   $6, R6, R13; \
	AND    R25, R13, R13; \
	ORR    R13<<4, R12, R12; \
	ORR    R11<<32, R9, R9; \
	ORR    R12<<32, R10, R10

// Q4K_MINS: R14 (32 bits) = Σ min_j · (bs[2j] + bs[2j+1]) over the
// super-block's 16 activation sums at R3, which it steps past.
#define Q4K_MINS \
	VLD1.P 32(R3), [V16.H8, V17.H8]; \
	VADDP  V17.H8, V16.H8, V16.H8; /* V16.8H = the sums of pairs: sub-block j in lane j */ \
	VMOV   R10, V18.D[0]; \
	VUXTL  V18.B8, V18.H8; /* the mins as int16 */ \
	SMULLH(16, 18, 19); /* V19.4S = mins 0-3 · sums 0-3 */ \
	SMULL2H(16, 18, 20); /* V20.4S = mins 4-7 · sums 4-7 */ \
	VADD   V20.S4, V19.S4, V19.S4; \
	VADDV  V19.S4, V19; \
	VMOV   V19.S[0], R14

// NIBBLES: V0, V1 = the low nibbles of the 32 bytes at R8, V6, V7 their
// high nibbles, and V2-V5 the 64 activations at R1 (both stepped past).
// V30 holds 15 in every byte.
#define NIBBLES \
	VLD1.P 32(R8), [V0.B16, V1.B16]; \
	VLD1.P 64(R1), [V2.B16, V3.B16, V4.B16, V5.B16]; \
	VUSHR  $4, V0.B16, V6.B16; \
	VUSHR  $4, V1.B16, V7.B16; \
	VAND   V30.B16, V0.B16, V0.B16; \
	VAND   V30.B16, V1.B16, V1.B16

// SCALED_PAIR(dot, j): sumi += scale 2j · Σ V0,V1 · V2,V3 + scale 2j+1 ·
// Σ V6,V7 · V4,V5, the scales from R9.
#define SCALED_PAIR(dot, j) \
	dot(2, 0, 3, 1, R19); \
	dot(4, 6, 5, 7, R21); \
	UBFX   $(16*(j)), R9, $8, R20; \
	MADDW  R20, R22, R19, R22; \
	UBFX   $(16*(j)+8), R9, $8, R20; \
	MADDW  R20, R22, R21, R22

// Q4K_PAIR(dot, j): sub-blocks 2j and 2j+1 of a Q4_K super-block: low
// nibbles times x[64j:64j+32], high nibbles times x[64j+32:64j+64].
#define Q4K_PAIR(dot, j) \
	NIBBLES; \
	SCALED_PAIR(dot, j)

// Q5K_PAIR(dot, j): sub-blocks 2j and 2j+1 of a Q5_K super-block, whose
// fifth bits are bits 2j and 2j+1 of the 32 bytes in V26, V27. Each pair
// takes bits 0 and 1 and then shifts V26, V27 right by 2 for the next.
// V28 holds 1 in every byte, V29 2.
#define Q5K_PAIR(dot, j) \
	NIBBLES; \
	VAND   V28.B16, V26.B16, V8.B16; \
	VAND   V28.B16, V27.B16, V9.B16; \
	VSHL   $4, V8.B16, V8.B16; \
	VSHL   $4, V9.B16, V9.B16; \
	VORR   V8.B16, V0.B16, V0.B16; \
	VORR   V9.B16, V1.B16, V1.B16; \
	VAND   V29.B16, V26.B16, V8.B16; \
	VAND   V29.B16, V27.B16, V9.B16; \
	VSHL   $3, V8.B16, V8.B16; \
	VSHL   $3, V9.B16, V9.B16; \
	VORR   V8.B16, V6.B16, V6.B16; \
	VORR   V9.B16, V7.B16, V7.B16; \
	VUSHR  $2, V26.B16, V26.B16; \
	VUSHR  $2, V27.B16, V27.B16; \
	SCALED_PAIR(dot, j)

// Q4K_PREP: R8 = the Q4_K nibbles at 16(R0).
#define Q4K_PREP \
	ADD    $16, R0, R8

// Q5K_PREP: V26, V27 = the Q5_K fifth bits at 16(R0), R8 = its nibbles at
// 48(R0).
#define Q5K_PREP \
	ADD    $16, R0, R8; \
	VLD1.P 32(R8), [V26.B16, V27.B16]

// K45_KERNEL(name, dot, prep, pair, size): a whole Q4_K or Q5_K row,
// super-block by super-block: F31 += d[b] · (f16 d · sumi − f16 dmin · mins).
#define K45_KERNEL(name, dot, prep, pair, size) \
TEXT name(SB), NOSPLIT, $0-44; \
	MOVD   row+0(FP), R0; \
	MOVD   q+8(FP), R1; \
	MOVD   d+16(FP), R2; \
	MOVD   bs+24(FP), R3; \
	MOVD   nb+32(FP), R4; \
	VEOR   V31.B16, V31.B16, V31.B16; \
	VMOVI  $15, V30.B16; \
	VMOVI  $1, V28.B16; \
	VMOVI  $2, V29.B16; \
	MOVD   $0x3f3f3f3f, R23; \
	MOVD   $0x0f0f0f0f, R24; \
	MOVD   $0x03030303, R25; \
loop:; \
	Q4K_SCALES; \
	Q4K_MINS; \
	prep; \
	MOVW   ZR, R22; \
	pair(dot, 0); \
	pair(dot, 1); \
	pair(dot, 2); \
	pair(dot, 3); \
	MOVHU  (R0), R5; \
	FMOVS  R5, F1; \
	FCVTHS F1, F1; /* d */ \
	MOVHU  2(R0), R6; \
	FMOVS  R6, F2; \
	FCVTHS F2, F2; /* dmin */ \
	SCVTFWS R22, F3; \
	FMULS  F3, F1, F1; \
	SCVTFWS R14, F4; \
	FMULS  F4, F2, F2; \
	FSUBS  F2, F1, F1; \
	FMOVS.P 4(R2), F5; \
	FMULS  F1, F5, F1; \
	FADDS  F1, F31, F31; \
	ADD    $size, R0; \
	SUBS   $1, R4; \
	BNE    loop; \
	FMOVS  F31, ret+40(FP); \
	RET

// Q6K_VALUES: V6-V13 = the 128 values (6 bits − 32) of one half of a Q6_K
// super-block, in the order of its activations, from the 64 low-nibble bytes
// at R5 and the 32 high-pair bytes at R6 (both stepped past): for l < 32,
// value l is ql[l]&15 | (qh[l]&3)<<4, value 32+l ql[32+l]&15 | (qh[l]>>2&3)<<4,
// value 64+l ql[l]>>4 | (qh[l]>>4&3)<<4 and value 96+l ql[32+l]>>4 | (qh[l]>>6)<<4.
// V28 holds 15 in every byte, V29 32 and V30 3.
#define Q6K_HIGH(lo, h, shift, out) \
	VUSHR  $(shift), h.B16, V14.B16; \
	Q6K_JOIN(lo, V14, out)

// Q6K_JOIN(lo, h, out): out = (lo | (h & 3)<<4) − 32, in bytes.
#define Q6K_JOIN(lo, h, out) \
	VAND   V30.B16, h.B16, V14.B16; \
	VSHL   $4, V14.B16, V14.B16; \
	VORR   V14.B16, lo.B16, out.B16; \
	VSUB   V29.B16, out.B16, out.B16

#define Q6K_VALUES \
	VLD1.P 64(R5), [V0.B16, V1.B16, V2.B16, V3.B16]; \
	VLD1.P 32(R6), [V4.B16, V5.B16]; \
	VUSHR  $4, V0.B16, V10.B16; \
	VUSHR  $4, V1.B16, V11.B16; \
	VUSHR  $4, V2.B16, V12.B16; \
	VUSHR  $4, V3.B16, V13.B16; \
	VAND   V28.B16, V0.B16, V0.B16; \
	VAND   V28.B16, V1.B16, V1.B16; \
	VAND   V28.B16, V2.B16, V2.B16; \
	VAND   V28.B16, V3.B16, V3.B16; \
	Q6K_JOIN(V0, V4, V6); \
	Q6K_JOIN(V1, V5, V7); \
	Q6K_HIGH(V2, V4, 2, V8); \
	Q6K_HIGH(V3, V5, 2, V9); \
	Q6K_HIGH(V10, V4, 4, V10); \
	Q6K_HIGH(V11, V5, 4, V11); \
	Q6K_HIGH(V12, V4, 6, V12); \
	Q6K_HIGH(V13, V5, 6, V13)

// Q6K_SUB(dot, y, v, s, k): sumi += int8 scale k of s · Σ Vy · Vv.
#define Q6K_SUB(dot, y, v, s, k) \
	dot(y, v, R19); \
	SBFX   $(8*(k)), s, $8, R20; \
	MADDW  R20, R22, R19, R22

// Q6K_HALF(dot, s): sumi += the eight 16-value products of one half of the
// super-block, with its eight scales in the bytes of s; the 128 activations
// at R1 are stepped past.
#define Q6K_HALF(dot, s) \
	Q6K_VALUES; \
	VLD1.P 64(R1), [V20.B16, V21.B16, V22.B16, V23.B16]; \
	VLD1.P 64(R1), [V24.B16, V25.B16, V26.B16, V27.B16]; \
	Q6K_SUB(dot, 20, 6, s, 0); \
	Q6K_SUB(dot, 21, 7, s, 1); \
	Q6K_SUB(dot, 22, 8, s, 2); \
	Q6K_SUB(dot, 23, 9, s, 3); \
	Q6K_SUB(dot, 24, 10, s, 4); \
	Q6K_SUB(dot, 25, 11, s, 5); \
	Q6K_SUB(dot, 26, 12, s, 6); \
	Q6K_SUB(dot, 27, 13, s, 7)

// Q6K_KERNEL(name, dot): a whole Q6_K row, super-block by super-block:
// F31 += f16 d · d[b] · sumi.
#define Q6K_KERNEL(name, dot) \
TEXT name(SB), NOSPLIT, $0-44; \
	MOVD   row+0(FP), R0; \
	MOVD   q+8(FP), R1; \
	MOVD   d+16(FP), R2; \
	MOVD   nb+32(FP), R4; \
	VEOR   V31.B16, V31.B16, V31.B16; \
	VMOVI  $15, V28.B16; \
	VMOVI  $32, V29.B16; \
	VMOVI  $3, V30.B16; \
loop:; \
	MOVD   R0, R5; \
	ADD    $128, R0, R6; \
	MOVD   192(R0), R9; \
	MOVD   200(R0), R10; \
	MOVW   ZR, R22; \
	Q6K_HALF(dot, R9); \
	Q6K_HALF(dot, R10); \
	MOVHU  208(R0), R7; \
	FMOVS  R7, F1; \
	FCVTHS F1, F1; \
	FMOVS.P 4(R2), F2; \
	FMULS  F2, F1, F1; \
	SCVTFWS R22, F3; \
	FMULS  F3, F1, F1; \
	FADDS  F1, F31, F31; \
	ADD    $210, R0; \
	SUBS   $1, R4; \
	BNE    loop; \
	FMOVS  F31, ret+40(FP); \
	RET

// func dotQ4_KNEON(row *byte, q *int8, d *float32, bs *int16, nb int) float32
K45_KERNEL(·dotQ4_KNEON, DOT32_NEON, Q4K_PREP, Q4K_PAIR, 144)

// func dotQ4_KSDOT(row *byte, q *int8, d *float32, bs *int16, nb int) float32
K45_KERNEL(·dotQ4_KSDOT, DOT32_SDOT, Q4K_PREP, Q4K_PAIR, 144)

// func dotQ5_KNEON(row *byte, q *int8, d *float32, bs *int16, nb int) float32
K45_KERNEL(·dotQ5_KNEON, DOT32_NEON, Q5K_PREP, Q5K_PAIR, 176)

// func dotQ5_KSDOT(row *byte, q *int8, d *float32, bs *int16, nb int) float32
K45_KERNEL(·dotQ5_KSDOT, DOT32_SDOT, Q5K_PREP, Q5K_PAIR, 176)

// func dotQ6_KNEON(row *byte, q *int8, d *float32, bs *int16, nb int) float32
Q6K_KERNEL(·dotQ6_KNEON, DOT16_NEON)

// func dotQ6_KSDOT(row *byte, q *int8, d *float32, bs *int16, nb int) float32
Q6K_KERNEL(·dotQ6_KSDOT, DOT16_SDOT)

// The Q4_K and Q5_K tiles: one row with four vectors of Q8_K activations
// (contract in dot_k_tile_arm64.go). Per super-block the 256 weights are
// unpacked once into V0-V15 (raw bytes 32j..32j+31 in V2j, V2j+1: their low
// nibbles stay there, the high ones go to V8+2j, V9+2j, and Q5_K's fifth
// bits are ORed into both), and each vector k then gets
// its sumi and mins exactly as the row kernel computes them, into lane k of
// V24 and V25. The float32 scaling is the row kernel's, lane by lane in
// the same order, so each result is bit for bit the row kernel's.
//
//   SCVTF Vd.4S, Vn.4S           0x4E21D800 | n<<5 | d
//   FMUL  Vd.4S, Vn.4S, Vm.4S    0x6E20DC00 | m<<16 | n<<5 | d
//   FSUB  Vd.4S, Vn.4S, Vm.4S    0x4EA0D400 | m<<16 | n<<5 | d
//   FADD  Vd.4S, Vn.4S, Vm.4S    0x4E20D400 | m<<16 | n<<5 | d
#define SCVTF4S(n, d) WORD $(0x4E21D800 | (n)<<5 | (d))
#define FMUL4S(m, n, d) WORD $(0x6E20DC00 | (m)<<16 | (n)<<5 | (d))
#define FSUB4S(m, n, d) WORD $(0x4EA0D400 | (m)<<16 | (n)<<5 | (d))
#define FADD4S(m, n, d) WORD $(0x4E20D400 | (m)<<16 | (n)<<5 | (d))

// TSUM_TO(r): r (32 bits) = the sum of V22's four int32 lanes.
#define TSUM_TO(r) \
	VADDV  V22.S4, V22; \
	VMOV   V22.S[0], r

// TDOT32_SDOT(ya, qa, yb, qb, r), TDOT32_NEON: DOT32_SDOT and DOT32_NEON
// with V22 as the accumulator and V23, V26 as temporaries, leaving V15-V17
// to the weights.
#define TDOT32_SDOT(ya, qa, yb, qb, r) \
	VEOR   V22.B16, V22.B16, V22.B16; \
	SDOT(ya, qa, 22); \
	SDOT(yb, qb, 22); \
	TSUM_TO(r)

#define TDOT32_NEON(ya, qa, yb, qb, r) \
	VEOR   V22.B16, V22.B16, V22.B16; \
	SMULL(ya, qa, 23); \
	SMULL2(ya, qa, 26); \
	SADALP(23, 22); \
	SADALP(26, 22); \
	SMULL(yb, qb, 23); \
	SMULL2(yb, qb, 26); \
	SADALP(23, 22); \
	SADALP(26, 22); \
	TSUM_TO(r)

// KT_UNPACK: V0-V15 = the 256 nibbles of the Q4_K super-block at R0.
#define KT_UNPACK \
	ADD    $16, R0, R8; \
	KT_NIBBLES

// KT_NIBBLES: V0-V15 = the 256 nibbles of the 128 bytes at R8.
#define KT_NIBBLES \
	VLD1.P 64(R8), [V0.B16, V1.B16, V2.B16, V3.B16]; \
	VLD1   (R8), [V4.B16, V5.B16, V6.B16, V7.B16]; \
	VUSHR  $4, V0.B16, V8.B16; \
	VUSHR  $4, V1.B16, V9.B16; \
	VUSHR  $4, V2.B16, V10.B16; \
	VUSHR  $4, V3.B16, V11.B16; \
	VUSHR  $4, V4.B16, V12.B16; \
	VUSHR  $4, V5.B16, V13.B16; \
	VUSHR  $4, V6.B16, V14.B16; \
	VUSHR  $4, V7.B16, V15.B16; \
	VAND   V30.B16, V0.B16, V0.B16; \
	VAND   V30.B16, V1.B16, V1.B16; \
	VAND   V30.B16, V2.B16, V2.B16; \
	VAND   V30.B16, V3.B16, V3.B16; \
	VAND   V30.B16, V4.B16, V4.B16; \
	VAND   V30.B16, V5.B16, V5.B16; \
	VAND   V30.B16, V6.B16, V6.B16; \
	VAND   V30.B16, V7.B16, V7.B16

// KT_FIFTH(l0, l1, h0, h1): ORs the fifth bits of one pair of sub-blocks,
// bits 0 and 1 of V16, V17, into Vl0, Vl1 (bit 0) and Vh0, Vh1 (bit 1) as
// 16, then shifts V16, V17 right by 2 for the next pair. V29 holds 16 in
// every byte.
#define KT_FIFTH(l0, l1, h0, h1) \
	VSHL   $4, V16.B16, V18.B16; \
	VSHL   $4, V17.B16, V19.B16; \
	VAND   V29.B16, V18.B16, V18.B16; \
	VAND   V29.B16, V19.B16, V19.B16; \
	VORR   V18.B16, l0.B16, l0.B16; \
	VORR   V19.B16, l1.B16, l1.B16; \
	VSHL   $3, V16.B16, V18.B16; \
	VSHL   $3, V17.B16, V19.B16; \
	VAND   V29.B16, V18.B16, V18.B16; \
	VAND   V29.B16, V19.B16, V19.B16; \
	VORR   V18.B16, h0.B16, h0.B16; \
	VORR   V19.B16, h1.B16, h1.B16; \
	VUSHR  $2, V16.B16, V16.B16; \
	VUSHR  $2, V17.B16, V17.B16

// KT_UNPACK5: V0-V15 = the 256 five-bit values of the Q5_K super-block at
// R0, laid out as KT_UNPACK lays out Q4_K's.
#define KT_UNPACK5 \
	ADD    $48, R0, R8; \
	KT_NIBBLES; \
	ADD    $16, R0, R8; \
	VLD1   (R8), [V16.B16, V17.B16]; \
	KT_FIFTH(V0, V1, V8, V9); \
	KT_FIFTH(V2, V3, V10, V11); \
	KT_FIFTH(V4, V5, V12, V13); \
	KT_FIFTH(V6, V7, V14, V15)

// KT_MINS(p): R14 = Q4K_MINS's sum over the 16 activation sums at p.
#define KT_MINS(p) \
	VLD1   (p), [V16.H8, V17.H8]; \
	VADDP  V17.H8, V16.H8, V16.H8; \
	VMOV   R10, V18.D[0]; \
	VUXTL  V18.B8, V18.H8; \
	SMULLH(16, 18, 19); \
	SMULL2H(16, 18, 20); \
	VADD   V20.S4, V19.S4, V19.S4; \
	VADDV  V19.S4, V19; \
	VMOV   V19.S[0], R14

// KT_PAIR(dot, j, l0, l1, h0, h1): Q4K_PAIR for the unpacked weights in
// Vl0, Vl1 (low) and Vh0, Vh1 (high) and the 64 activations at R11 (stepped
// past).
#define KT_PAIR(dot, j, l0, l1, h0, h1) \
	VLD1.P 64(R11), [V18.B16, V19.B16, V20.B16, V21.B16]; \
	dot(18, l0, 19, l1, R19); \
	dot(20, h0, 21, h1, R21); \
	UBFX   $(16*(j)), R9, $8, R20; \
	MADDW  R20, R22, R19, R22; \
	UBFX   $(16*(j)+8), R9, $8, R20; \
	MADDW  R20, R22, R21, R22

// KT_VECTOR(dot, k): lane k of V24 = vector k's sumi, of V25 its mins.
// Vector k's activations are k·nb·256 bytes after vector 0's, its sums
// k·nb·32 bytes after.
#define KT_VECTOR(dot, k) \
	MOVD   nb+32(FP), R12; \
	MOVD   $(k), R13; \
	MUL    R13, R12, R12; \
	LSL    $8, R12, R11; \
	ADD    R1, R11, R11; \
	LSL    $5, R12, R13; \
	ADD    R3, R13, R13; \
	KT_MINS(R13); \
	VMOV   R14, V25.S[k]; \
	MOVW   ZR, R22; \
	KT_PAIR(dot, 0, 0, 1, 8, 9); \
	KT_PAIR(dot, 1, 2, 3, 10, 11); \
	KT_PAIR(dot, 2, 4, 5, 12, 13); \
	KT_PAIR(dot, 3, 6, 7, 14, 15); \
	VMOV   R22, V24.S[k]

// KT_SCALES: V28 = the four vectors' scales of this super-block (d, k·nb
// floats apart).
#define KT_SCALES \
	MOVD   nb+32(FP), R12; \
	LSL    $2, R12; \
	MOVD   R2, R13; \
	FMOVS  (R13), F28; \
	ADD    R12, R13; \
	VLD1   (R13), V28.S[1]; \
	ADD    R12, R13; \
	VLD1   (R13), V28.S[2]; \
	ADD    R12, R13; \
	VLD1   (R13), V28.S[3]

// K45_TILE(name, dot, unpack, size): four vectors of a Q4_K or Q5_K row,
// super-block by super-block: lane k of V31 += d_k[b] · (f16 d · sumi_k −
// f16 dmin · mins_k).
#define K45_TILE(name, dot, unpack, size) \
TEXT name(SB), NOSPLIT, $0-48; \
	MOVD   row+0(FP), R0; \
	MOVD   q+8(FP), R1; \
	MOVD   d+16(FP), R2; \
	MOVD   bs+24(FP), R3; \
	MOVD   nb+32(FP), R4; \
	VEOR   V31.B16, V31.B16, V31.B16; \
	VMOVI  $15, V30.B16; \
	VMOVI  $16, V29.B16; \
	MOVD   $0x3f3f3f3f, R23; \
	MOVD   $0x0f0f0f0f, R24; \
	MOVD   $0x03030303, R25; \
loop:; \
	Q4K_SCALES; \
	unpack; \
	KT_VECTOR(dot, 0); \
	KT_VECTOR(dot, 1); \
	KT_VECTOR(dot, 2); \
	KT_VECTOR(dot, 3); \
	SCVTF4S(24, 24); \
	SCVTF4S(25, 25); \
	MOVHU  (R0), R5; \
	FMOVS  R5, F26; \
	FCVTHS F26, F26; \
	VDUP   V26.S[0], V26.S4; /* d */ \
	MOVHU  2(R0), R6; \
	FMOVS  R6, F27; \
	FCVTHS F27, F27; \
	VDUP   V27.S[0], V27.S4; /* dmin */ \
	FMUL4S(24, 26, 26); \
	FMUL4S(25, 27, 27); \
	FSUB4S(27, 26, 26); \
	KT_SCALES; \
	FMUL4S(28, 26, 26); \
	FADD4S(26, 31, 31); \
	ADD    $size, R0; \
	ADD    $256, R1; \
	ADD    $4, R2; \
	ADD    $32, R3; \
	SUBS   $1, R4; \
	BNE    loop; \
	MOVD   out+40(FP), R5; \
	VST1   [V31.S4], (R5); \
	RET

// func dotQ4_Kx4SDOT(row *byte, q *int8, d *float32, bs *int16, nb int, out *[4]float32)
K45_TILE(·dotQ4_Kx4SDOT, TDOT32_SDOT, KT_UNPACK, 144)

// func dotQ4_Kx4NEON(row *byte, q *int8, d *float32, bs *int16, nb int, out *[4]float32)
K45_TILE(·dotQ4_Kx4NEON, TDOT32_NEON, KT_UNPACK, 144)

// func dotQ5_Kx4SDOT(row *byte, q *int8, d *float32, bs *int16, nb int, out *[4]float32)
K45_TILE(·dotQ5_Kx4SDOT, TDOT32_SDOT, KT_UNPACK5, 176)

// func dotQ5_Kx4NEON(row *byte, q *int8, d *float32, bs *int16, nb int, out *[4]float32)
K45_TILE(·dotQ5_Kx4NEON, TDOT32_NEON, KT_UNPACK5, 176)

// The Q6_K tiles, built the same way: the 256 values of a super-block are
// made once (half 0 in V0-V7, half 1 in V8-V15, in activation order), and
// each vector k gets the row kernel's sumi in lane k of V27.

// TDOT16_SDOT(y, q, r), TDOT16_NEON: DOT16_SDOT and DOT16_NEON with V24 as
// the accumulator and V25, V26 as temporaries.
#define TDOT16_SDOT(y, q, r) \
	VEOR   V24.B16, V24.B16, V24.B16; \
	SDOT(y, q, 24); \
	VADDV  V24.S4, V24; \
	VMOV   V24.S[0], r

#define TDOT16_NEON(y, q, r) \
	VEOR   V24.B16, V24.B16, V24.B16; \
	SMULL(y, q, 25); \
	SMULL2(y, q, 26); \
	SADALP(25, 24); \
	SADALP(26, 24); \
	VADDV  V24.S4, V24; \
	VMOV   V24.S[0], r

// TQ6_JOIN(lo, h, shift, out): out = (lo | (h>>shift & 3)<<4) − 32, with V22
// as a temporary (shift > 0); TQ6_JOIN0 the same for shift 0. V28 holds 15
// in every byte, V29 32 and V30 3.
#define TQ6_JOIN(lo, h, shift, out) \
	VUSHR  $(shift), h.B16, V22.B16; \
	VAND   V30.B16, V22.B16, V22.B16; \
	VSHL   $4, V22.B16, V22.B16; \
	VORR   V22.B16, lo.B16, out.B16; \
	VSUB   V29.B16, out.B16, out.B16

#define TQ6_JOIN0(lo, h, out) \
	VAND   V30.B16, h.B16, V22.B16; \
	VSHL   $4, V22.B16, V22.B16; \
	VORR   V22.B16, lo.B16, out.B16; \
	VSUB   V29.B16, out.B16, out.B16

// TQ6_HALF(o0, o1, o2, o3, o4, o5, o6, o7): the 128 values of one half, as
// Q6K_VALUES makes them, from the 64 low-nibble bytes at R5 and the 32
// high-pair bytes at R6 (both stepped past), through V16-V21.
#define TQ6_HALF(o0, o1, o2, o3, o4, o5, o6, o7) \
	VLD1.P 64(R5), [V16.B16, V17.B16, V18.B16, V19.B16]; \
	VLD1.P 32(R6), [V20.B16, V21.B16]; \
	VUSHR  $4, V16.B16, o4.B16; \
	VUSHR  $4, V17.B16, o5.B16; \
	VUSHR  $4, V18.B16, o6.B16; \
	VUSHR  $4, V19.B16, o7.B16; \
	VAND   V28.B16, V16.B16, o0.B16; \
	VAND   V28.B16, V17.B16, o1.B16; \
	VAND   V28.B16, V18.B16, o2.B16; \
	VAND   V28.B16, V19.B16, o3.B16; \
	TQ6_JOIN0(o0, V20, o0); \
	TQ6_JOIN0(o1, V21, o1); \
	TQ6_JOIN(o2, V20, 2, o2); \
	TQ6_JOIN(o3, V21, 2, o3); \
	TQ6_JOIN(o4, V20, 4, o4); \
	TQ6_JOIN(o5, V21, 4, o5); \
	TQ6_JOIN(o6, V20, 6, o6); \
	TQ6_JOIN(o7, V21, 6, o7)

// TQ6_VECTOR(dot, k): lane k of V27 = vector k's sumi; its activations are
// k·nb·256 bytes after vector 0's.
#define TQ6_VECTOR(dot, k) \
	MOVD   nb+32(FP), R12; \
	MOVD   $(k), R13; \
	MUL    R13, R12, R12; \
	LSL    $8, R12, R11; \
	ADD    R1, R11, R11; \
	MOVW   ZR, R22; \
	VLD1.P 64(R11), [V16.B16, V17.B16, V18.B16, V19.B16]; \
	VLD1.P 64(R11), [V20.B16, V21.B16, V22.B16, V23.B16]; \
	Q6K_SUB(dot, 16, 0, R9, 0); \
	Q6K_SUB(dot, 17, 1, R9, 1); \
	Q6K_SUB(dot, 18, 2, R9, 2); \
	Q6K_SUB(dot, 19, 3, R9, 3); \
	Q6K_SUB(dot, 20, 4, R9, 4); \
	Q6K_SUB(dot, 21, 5, R9, 5); \
	Q6K_SUB(dot, 22, 6, R9, 6); \
	Q6K_SUB(dot, 23, 7, R9, 7); \
	VLD1.P 64(R11), [V16.B16, V17.B16, V18.B16, V19.B16]; \
	VLD1.P 64(R11), [V20.B16, V21.B16, V22.B16, V23.B16]; \
	Q6K_SUB(dot, 16, 8, R10, 0); \
	Q6K_SUB(dot, 17, 9, R10, 1); \
	Q6K_SUB(dot, 18, 10, R10, 2); \
	Q6K_SUB(dot, 19, 11, R10, 3); \
	Q6K_SUB(dot, 20, 12, R10, 4); \
	Q6K_SUB(dot, 21, 13, R10, 5); \
	Q6K_SUB(dot, 22, 14, R10, 6); \
	Q6K_SUB(dot, 23, 15, R10, 7); \
	VMOV   R22, V27.S[k]

// Q6K_TILE(name, dot): four vectors, super-block by super-block: lane k of
// V31 += (f16 d · d_k[b]) · sumi_k.
#define Q6K_TILE(name, dot) \
TEXT name(SB), NOSPLIT, $0-48; \
	MOVD   row+0(FP), R0; \
	MOVD   q+8(FP), R1; \
	MOVD   d+16(FP), R2; \
	MOVD   nb+32(FP), R4; \
	VEOR   V31.B16, V31.B16, V31.B16; \
loop:; \
	VMOVI  $15, V28.B16; /* each block: KT_SCALES overwrites V28 */ \
	VMOVI  $32, V29.B16; \
	VMOVI  $3, V30.B16; \
	MOVD   R0, R5; \
	ADD    $128, R0, R6; \
	MOVD   192(R0), R9; \
	MOVD   200(R0), R10; \
	TQ6_HALF(V0, V1, V2, V3, V4, V5, V6, V7); \
	TQ6_HALF(V8, V9, V10, V11, V12, V13, V14, V15); \
	TQ6_VECTOR(dot, 0); \
	TQ6_VECTOR(dot, 1); \
	TQ6_VECTOR(dot, 2); \
	TQ6_VECTOR(dot, 3); \
	MOVHU  208(R0), R7; \
	FMOVS  R7, F26; \
	FCVTHS F26, F26; \
	VDUP   V26.S[0], V26.S4; \
	KT_SCALES; \
	FMUL4S(28, 26, 26); \
	SCVTF4S(27, 27); \
	FMUL4S(27, 26, 26); \
	FADD4S(26, 31, 31); \
	ADD    $210, R0; \
	ADD    $256, R1; \
	ADD    $4, R2; \
	SUBS   $1, R4; \
	BNE    loop; \
	MOVD   out+40(FP), R5; \
	VST1   [V31.S4], (R5); \
	RET

// func dotQ6_Kx4SDOT(row *byte, q *int8, d *float32, bs *int16, nb int, out *[4]float32)
Q6K_TILE(·dotQ6_Kx4SDOT, TDOT16_SDOT)

// func dotQ6_Kx4NEON(row *byte, q *int8, d *float32, bs *int16, nb int, out *[4]float32)
Q6K_TILE(·dotQ6_Kx4NEON, TDOT16_NEON)
