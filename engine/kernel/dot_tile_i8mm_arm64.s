#include "textflag.h"
#include "dot_legacy_arm64.h"

// Two-row tiles of the Q8_0, Q4_0 and Q5_0 products with SMMLA (Armv8.6
// int8 matrix multiply, FEAT_I8MM): two weight rows with four vectors of Q8_0
// activations (contract in dot_tile_arm64.go).
//
// SMMLA Vd.4S, Vn.16B, Vm.16B treats Vn as a 2×8 matrix of signed bytes
// (row i is bytes 8i to 8i+7), Vm as an 8×2 one stored column by column
// (column j is bytes 8j to 8j+7), and adds their 2×2 product to Vd, row by
// row: lane 2i+j of Vd += Σₖ Vn[8i+k]·Vm[8j+k], exactly in int32. So with
// eight bytes of weight row 0 and row 1 in Vn and the same eight elements of
// vectors a and b in Vm, one SMMLA adds the four products row 0·a, row 0·b,
// row 1·a, row 1·b of those elements, where SDOT adds one product of
// sixteen: twice the work per instruction.
//
// Per 32-element block, each row's weights are loaded and unpacked once (the
// LOAD macros of dot_legacy_arm64.h, row 0 then row 1), and ZIP1/ZIP2 on
// 64-bit halves pair them into V4-V7 (V4 = elements 0-7 of row 0 and row 1,
// V5 = 8-15, V6 = 16-23, V7 = 24-31). The activations of vectors 0 and 1 are
// paired the same way, and four SMMLAs give V26 = the block sums (r0·v0,
// r0·v1, r1·v0, r1·v1); vectors 2 and 3 give V27 likewise. Each lane then
// does what the row kernel's SCALE does for its row and vector alone, in the
// same order and with the same roundings: (f16 d_row · d_vec) · float32(sum),
// added to the lane of V28 (vectors 0, 1) or V29 (vectors 2, 3). So each
// result is bit for bit the row kernel's.
//
// Go's assembler has no SMMLA, so it is a WORD. Its encoding, from the Arm
// A64 "Advanced SIMD three same (extra)" class:
//
//   31 30 29 28-24 23-22 21 20-16 15 14-11 10 9-5 4-0
//    0  Q  U 01110  size  0    Rm  1 opcode 1  Rn  Rd
//
// with Q = 1 (128 bits), U = 0 (signed; 1 is UMMLA), size = 10 and opcode =
// 0100, m, n, d the V register numbers:
//
//   SMMLA Vd.4S, Vn.16B, Vm.16B   0x4E80A400 | m<<16 | n<<5 | d
#define SMMLA(m, n, d) WORD $(0x4E80A400 | (m)<<16 | (n)<<5 | (d))

// SCVTF, FMUL and FADD on four float32 lanes, as in dot_tile_arm64.s.
#define SCVTF4S(n, d) WORD $(0x4E21D800 | (n)<<5 | (d))
#define FMUL4S(m, n, d) WORD $(0x6E20DC00 | (m)<<16 | (n)<<5 | (d))
#define FADD4S(m, n, d) WORD $(0x4E20D400 | (m)<<16 | (n)<<5 | (d))

// PAIR_SMMLA(a0, a1, b0, b1, vacc, acc): vacc = the four block sums of rows 0
// and 1 (V4-V7) with the vectors whose 32 bytes are in Va0, Va1 and Vb0, Vb1
// (acc is vacc's number); V0-V3 are scratch.
#define PAIR_SMMLA(a0, a1, b0, b1, vacc, acc) \
	VEOR   vacc.B16, vacc.B16, vacc.B16; \
	VZIP1  b0.D2, a0.D2, V0.D2; \
	VZIP2  b0.D2, a0.D2, V1.D2; \
	VZIP1  b1.D2, a1.D2, V2.D2; \
	VZIP2  b1.D2, a1.D2, V3.D2; \
	SMMLA(0, 4, acc); \
	SMMLA(1, 5, acc); \
	SMMLA(2, 6, acc); \
	SMMLA(3, 7, acc)

// PAIR(name, setup, load, size): rows 0 and 1 of nb ≥ 1 blocks of size bytes
// each (row 1 at R9 bytes after row 0) with four vectors; vector k's
// activations are k·nb·32 bytes and its scales k·nb floats after vector 0's
// (R10 and R11 hold those strides).
#define PAIR(name, setup, load, size) \
TEXT name(SB), NOSPLIT, $0-48; \
	MOVD   row0+0(FP), R0; \
	MOVD   row1+8(FP), R9; \
	MOVD   q+16(FP), R1; \
	MOVD   d+24(FP), R2; \
	MOVD   nb+32(FP), R3; \
	SUB    R0, R9, R9; \
	LSL    $5, R3, R10; \
	LSL    $2, R3, R11; \
	VEOR   V28.B16, V28.B16, V28.B16; \
	VEOR   V29.B16, V29.B16, V29.B16; \
	setup; \
loop:; \
	load; \
	VMOV   V0.B16, V2.B16; \
	VMOV   V1.B16, V3.B16; /* V2, V3 = row 0's weights */ \
	ADD    R9, R0; \
	load; /* V0, V1 = row 1's */ \
	SUB    R9, R0; \
	VZIP1  V0.D2, V2.D2, V4.D2; \
	VZIP2  V0.D2, V2.D2, V5.D2; \
	VZIP1  V1.D2, V3.D2, V6.D2; \
	VZIP2  V1.D2, V3.D2, V7.D2; \
	MOVD   R1, R12; \
	VLD1   (R12), [V8.B16, V9.B16]; \
	ADD    R10, R12; \
	VLD1   (R12), [V10.B16, V11.B16]; \
	ADD    R10, R12; \
	VLD1   (R12), [V12.B16, V13.B16]; \
	ADD    R10, R12; \
	VLD1   (R12), [V14.B16, V15.B16]; \
	PAIR_SMMLA(V8, V9, V10, V11, V26, 26); \
	PAIR_SMMLA(V12, V13, V14, V15, V27, 27); \
	SCVTF4S(26, 26); \
	SCVTF4S(27, 27); \
	MOVHU  (R0), R4; \
	FMOVS  R4, F4; \
	FCVTHS F4, F4; \
	VDUP   V4.S[0], V4.S4; \
	ADD    R9, R0, R5; \
	MOVHU  (R5), R4; \
	FMOVS  R4, F5; \
	FCVTHS F5, F5; \
	VDUP   V5.S[0], V5.S4; \
	VZIP1  V5.D2, V4.D2, V4.D2; /* V4 = d_r0, d_r0, d_r1, d_r1 */ \
	MOVD   R2, R13; \
	FMOVS  (R13), F6; \
	ADD    R11, R13; \
	VLD1   (R13), V6.S[1]; \
	ADD    R11, R13; \
	VLD1   (R13), V6.S[2]; \
	ADD    R11, R13; \
	VLD1   (R13), V6.S[3]; /* V6 = the four activation scales */ \
	VZIP1  V6.D2, V6.D2, V7.D2; /* V7 = d_v0, d_v1, d_v0, d_v1 */ \
	VZIP2  V6.D2, V6.D2, V6.D2; /* V6 = d_v2, d_v3, d_v2, d_v3 */ \
	FMUL4S(7, 4, 7); \
	FMUL4S(6, 4, 6); \
	FMUL4S(26, 7, 7); \
	FMUL4S(27, 6, 6); \
	FADD4S(7, 28, 28); \
	FADD4S(6, 29, 29); \
	ADD    $size, R0; \
	ADD    $32, R1; \
	ADD    $4, R2; \
	SUBS   $1, R3; \
	BNE    loop; \
	MOVD   out+40(FP), R4; \
	VST1   [V28.S4, V29.S4], (R4); \
	RET

// func dotQ8_0x2x4SMMLA(row0, row1 *byte, q *int8, d *float32, nb int, out *[8]float32)
PAIR(·dotQ8_0x2x4SMMLA, SETUP_Q4, LOAD_Q8, 34)

// func dotQ4_0x2x4SMMLA(row0, row1 *byte, q *int8, d *float32, nb int, out *[8]float32)
PAIR(·dotQ4_0x2x4SMMLA, SETUP_Q4, LOAD_Q4, 18)

// func dotQ5_0x2x4SMMLA(row0, row1 *byte, q *int8, d *float32, nb int, out *[8]float32)
PAIR(·dotQ5_0x2x4SMMLA, SETUP_Q5, LOAD_Q5, 22)
