#include "textflag.h"
#include "dot_legacy_arm64.h"

// NEON kernels of the Q8_0, Q4_0, Q5_0, Q4_1 and Q5_1 row products with
// Q8_0 or Q8_1 activations (dispatch and contract in dot_legacy_arm64.go),
// built from the macros of dot_legacy_arm64.h.

// KERNEL(name, setup, load, block, size): a whole row of nb ≥ 1 blocks of
// size bytes.
#define KERNEL(name, setup, load, block, size) \
TEXT name(SB), NOSPLIT, $0-36; \
	MOVD   row+0(FP), R0; \
	MOVD   q+8(FP), R1; \
	MOVD   d+16(FP), R2; \
	MOVD   nb+24(FP), R3; \
	VEOR   V16.B16, V16.B16, V16.B16; \
	setup; \
loop:; \
	load; \
	VLD1.P 32(R1), [V2.B16, V3.B16]; \
	block; \
	SCALE; \
	ADD    $size, R0; \
	ADD    $4, R2; \
	SUBS   $1, R3; \
	BNE    loop; \
	FMOVS  F16, ret+32(FP); \
	RET

// SCALE_MIN: like SCALE, for the types with a minimum m (Q4_1, Q5_1) and
// Q8_1 activations with block sums s at R9: F16 += f16(R0[0:2]) · d[R2] ·
// float32(R6) + f16(R0[2:4]) · s[R9].
#define SCALE_MIN \
	MOVHU  (R0), R4; \
	FMOVS  R4, F5; \
	FCVTHS F5, F5; \
	FMOVS  (R2), F6; \
	FMULS  F6, F5, F5; \
	SCVTFWS R6, F6; \
	FMULS  F6, F5, F5; \
	MOVHU  2(R0), R4; \
	FMOVS  R4, F7; \
	FCVTHS F7, F7; \
	FMOVS.P 4(R9), F8; \
	FMULS  F8, F7, F7; \
	FADDS  F7, F5, F5; \
	FADDS  F5, F16, F16

// KERNEL_MIN(name, load, block, size): a whole row of nb ≥ 1 blocks of a type
// with a minimum.
#define KERNEL_MIN(name, load, block, size) \
TEXT name(SB), NOSPLIT, $0-44; \
	MOVD   row+0(FP), R0; \
	MOVD   q+8(FP), R1; \
	MOVD   d+16(FP), R2; \
	MOVD   s+24(FP), R9; \
	MOVD   nb+32(FP), R3; \
	VEOR   V16.B16, V16.B16, V16.B16; \
	SETUP_Q5; \
loop:; \
	load; \
	VLD1.P 32(R1), [V2.B16, V3.B16]; \
	block; \
	SCALE_MIN; \
	ADD    $size, R0; \
	ADD    $4, R2; \
	SUBS   $1, R3; \
	BNE    loop; \
	FMOVS  F16, ret+40(FP); \
	RET

// func dotQ8_0NEON(row *byte, q *int8, d *float32, nb int) float32
KERNEL(·dotQ8_0NEON, SETUP_Q4, LOAD_Q8, BLOCK_NEON, 34)

// func dotQ8_0SDOT(row *byte, q *int8, d *float32, nb int) float32
KERNEL(·dotQ8_0SDOT, SETUP_Q4, LOAD_Q8, BLOCK_SDOT, 34)

// func dotQ4_0NEON(row *byte, q *int8, d *float32, nb int) float32
KERNEL(·dotQ4_0NEON, SETUP_Q4, LOAD_Q4, BLOCK_NEON, 18)

// func dotQ4_0SDOT(row *byte, q *int8, d *float32, nb int) float32
KERNEL(·dotQ4_0SDOT, SETUP_Q4, LOAD_Q4, BLOCK_SDOT, 18)

// func dotQ5_0NEON(row *byte, q *int8, d *float32, nb int) float32
KERNEL(·dotQ5_0NEON, SETUP_Q5, LOAD_Q5, BLOCK_NEON, 22)

// func dotQ5_0SDOT(row *byte, q *int8, d *float32, nb int) float32
KERNEL(·dotQ5_0SDOT, SETUP_Q5, LOAD_Q5, BLOCK_SDOT, 22)

// func dotQ4_1NEON(row *byte, q *int8, d, s *float32, nb int) float32
KERNEL_MIN(·dotQ4_1NEON, LOAD_Q4_1, BLOCK_NEON, 20)

// func dotQ4_1SDOT(row *byte, q *int8, d, s *float32, nb int) float32
KERNEL_MIN(·dotQ4_1SDOT, LOAD_Q4_1, BLOCK_SDOT, 20)

// func dotQ5_1NEON(row *byte, q *int8, d, s *float32, nb int) float32
KERNEL_MIN(·dotQ5_1NEON, LOAD_Q5_1, BLOCK_NEON, 24)

// func dotQ5_1SDOT(row *byte, q *int8, d, s *float32, nb int) float32
KERNEL_MIN(·dotQ5_1SDOT, LOAD_Q5_1, BLOCK_SDOT, 24)
