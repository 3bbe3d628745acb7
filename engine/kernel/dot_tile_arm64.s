#include "textflag.h"
#include "dot_legacy_arm64.h"

// NEON tiles of the Q8_0, Q4_0 and Q5_0 row products: one row with four
// vectors of Q8_0 activations (contract in dot_tile_arm64.go). Each weight
// block is loaded and unpacked once (the LOAD macros of dot_legacy_arm64.h)
// and multiplied with the four vectors' blocks, whose int32 sums go to the
// lanes of V26 in vector order. Lane k then does what the row kernel's
// SCALE does for vector k alone, in the same order and with the same
// roundings: (f16 d · d_k) · float32(sum_k), added to lane k of V16. So each
// result is bit for bit the row kernel's.
//
//   SCVTF Vd.4S, Vn.4S           0x4E21D800 | n<<5 | d
//   FMUL  Vd.4S, Vn.4S, Vm.4S    0x6E20DC00 | m<<16 | n<<5 | d
//   FADD  Vd.4S, Vn.4S, Vm.4S    0x4E20D400 | m<<16 | n<<5 | d
#define SCVTF4S(n, d) WORD $(0x4E21D800 | (n)<<5 | (d))
#define FMUL4S(m, n, d) WORD $(0x6E20DC00 | (m)<<16 | (n)<<5 | (d))
#define FADD4S(m, n, d) WORD $(0x4E20D400 | (m)<<16 | (n)<<5 | (d))

// TDOT_SDOT(ya, yb, acc, vacc): vacc.4S = the four-byte sums of V0·Vya and
// V1·Vyb (acc is vacc's number).
#define TDOT_SDOT(ya, yb, acc, vacc) \
	VEOR   vacc.B16, vacc.B16, vacc.B16; \
	SDOT(ya, 0, acc); \
	SDOT(yb, 1, acc)

// TDOT_NEON(ya, yb, acc, vacc): the same without dotprod (different lanes,
// the same total).
#define TDOT_NEON(ya, yb, acc, vacc) \
	VEOR   vacc.B16, vacc.B16, vacc.B16; \
	SMULL(ya, 0, 30); \
	SMULL2(ya, 0, 31); \
	SADALP(30, acc); \
	SADALP(31, acc); \
	SMULL(yb, 1, 30); \
	SMULL2(yb, 1, 31); \
	SADALP(30, acc); \
	SADALP(31, acc)

// TILE(name, setup, load, tdot, size): a whole row of nb ≥ 1 blocks of size
// bytes with four vectors; vector k's activations are k·nb·32 bytes and its
// scales k·nb floats after vector 0's (R10 and R11 hold those strides).
#define TILE(name, setup, load, tdot, size) \
TEXT name(SB), NOSPLIT, $0-40; \
	MOVD   row+0(FP), R0; \
	MOVD   q+8(FP), R1; \
	MOVD   d+16(FP), R2; \
	MOVD   nb+24(FP), R3; \
	LSL    $5, R3, R10; \
	LSL    $2, R3, R11; \
	VEOR   V16.B16, V16.B16, V16.B16; \
	setup; \
loop:; \
	load; \
	MOVD   R1, R12; \
	VLD1   (R12), [V8.B16, V9.B16]; \
	ADD    R10, R12; \
	VLD1   (R12), [V10.B16, V11.B16]; \
	ADD    R10, R12; \
	VLD1   (R12), [V12.B16, V13.B16]; \
	ADD    R10, R12; \
	VLD1   (R12), [V14.B16, V15.B16]; \
	tdot(8, 9, 26, V26); \
	tdot(10, 11, 27, V27); \
	tdot(12, 13, 28, V28); \
	tdot(14, 15, 29, V29); \
	VADDP  V27.S4, V26.S4, V26.S4; \
	VADDP  V29.S4, V28.S4, V28.S4; \
	VADDP  V28.S4, V26.S4, V26.S4; /* V26 = the four block sums */ \
	SCVTF4S(26, 26); \
	MOVD   R2, R13; \
	FMOVS  (R13), F6; \
	ADD    R11, R13; \
	VLD1   (R13), V6.S[1]; \
	ADD    R11, R13; \
	VLD1   (R13), V6.S[2]; \
	ADD    R11, R13; \
	VLD1   (R13), V6.S[3]; /* V6 = the four activation scales */ \
	MOVHU  (R0), R4; \
	FMOVS  R4, F5; \
	FCVTHS F5, F5; \
	VDUP   V5.S[0], V5.S4; \
	FMUL4S(6, 5, 5); \
	FMUL4S(26, 5, 5); \
	FADD4S(5, 16, 16); \
	ADD    $size, R0; \
	ADD    $32, R1; \
	ADD    $4, R2; \
	SUBS   $1, R3; \
	BNE    loop; \
	MOVD   out+32(FP), R4; \
	VST1   [V16.S4], (R4); \
	RET

// func dotQ8_0x4SDOT(row *byte, q *int8, d *float32, nb int, out *[4]float32)
TILE(·dotQ8_0x4SDOT, SETUP_Q4, LOAD_Q8, TDOT_SDOT, 34)

// func dotQ8_0x4NEON(row *byte, q *int8, d *float32, nb int, out *[4]float32)
TILE(·dotQ8_0x4NEON, SETUP_Q4, LOAD_Q8, TDOT_NEON, 34)

// func dotQ4_0x4SDOT(row *byte, q *int8, d *float32, nb int, out *[4]float32)
TILE(·dotQ4_0x4SDOT, SETUP_Q4, LOAD_Q4, TDOT_SDOT, 18)

// func dotQ4_0x4NEON(row *byte, q *int8, d *float32, nb int, out *[4]float32)
TILE(·dotQ4_0x4NEON, SETUP_Q4, LOAD_Q4, TDOT_NEON, 18)

// func dotQ5_0x4SDOT(row *byte, q *int8, d *float32, nb int, out *[4]float32)
TILE(·dotQ5_0x4SDOT, SETUP_Q5, LOAD_Q5, TDOT_SDOT, 22)

// func dotQ5_0x4NEON(row *byte, q *int8, d *float32, nb int, out *[4]float32)
TILE(·dotQ5_0x4NEON, SETUP_Q5, LOAD_Q5, TDOT_NEON, 22)
