// Macros shared by the NEON row kernels (dot_legacy_arm64.s) and tiles
// (dot_tile_arm64.s) of the 32-element-block types with Q8_0 or Q8_1
// activations. Per block of a row kernel: the 32 weight
// bytes go to V0 (elements 0-15) and V1 (16-31), the 32 activation bytes to
// V2 and V3; their exact int32 product is summed into R6, converted to
// float32 and scaled by the weight's f16 scale times the activation's scale,
// then added to F16 block after block as the plain-Go loop does.
//
// Go's assembler has no mnemonics for the signed widening integer
// instructions, so they are written as WORDs with these encodings (Arm
// A64 Advanced SIMD; m, n, d are V register numbers):
//   SMULL  Vd.8H, Vn.8B,  Vm.8B   0x0E20C000 | m<<16 | n<<5 | d
//   SMULL2 Vd.8H, Vn.16B, Vm.16B  0x4E20C000 | m<<16 | n<<5 | d
//   SADALP Vd.4S, Vn.8H           0x4E606800 | n<<5 | d
//   SDOT   Vd.4S, Vn.16B, Vm.16B  0x4E809400 | m<<16 | n<<5 | d  (ARMv8.2 dotprod)
#define SMULL(m, n, d) WORD $(0x0E20C000 | (m)<<16 | (n)<<5 | (d))
#define SMULL2(m, n, d) WORD $(0x4E20C000 | (m)<<16 | (n)<<5 | (d))
#define SADALP(n, d) WORD $(0x4E606800 | (n)<<5 | (d))
#define SDOT(m, n, d) WORD $(0x4E809400 | (m)<<16 | (n)<<5 | (d))

// BLOCK_NEON: R6 = Σ V0..V1 · V2..V3 (signed bytes), without dotprod. Each
// SMULL product fits int16 (|−128·−128| = 2¹⁴), and SADALP adds pairs of them
// into int32 lanes of V4, so nothing overflows.
#define BLOCK_NEON \
	VEOR   V4.B16, V4.B16, V4.B16; \
	SMULL(2, 0, 5); /* V5.8H = V0.8B · V2.8B */ \
	SMULL2(2, 0, 6); /* V6.8H = V0.16B[8:] · V2.16B[8:] */ \
	SADALP(5, 4); /* V4.4S += pairwise(V5.8H) */ \
	SADALP(6, 4); \
	SMULL(3, 1, 5); /* V5.8H = V1.8B · V3.8B */ \
	SMULL2(3, 1, 6); \
	SADALP(5, 4); \
	SADALP(6, 4); \
	VADDV  V4.S4, V4; \
	VMOV   V4.S[0], R6

// BLOCK_SDOT: the same sum with SDOT (four-byte groups into int32 lanes).
#define BLOCK_SDOT \
	VEOR   V4.B16, V4.B16, V4.B16; \
	SDOT(2, 0, 4); /* V4.4S += V0.16B · V2.16B */ \
	SDOT(3, 1, 4); /* V4.4S += V1.16B · V3.16B */ \
	VADDV  V4.S4, V4; \
	VMOV   V4.S[0], R6

// SCALE: F16 += f16(R0[0:2]) · d[R2] · float32(R6).
#define SCALE \
	MOVHU  (R0), R4; \
	FMOVS  R4, F5; /* low half of S5 is the f16 scale */ \
	FCVTHS F5, F5; \
	FMOVS  (R2), F6; \
	FMULS  F6, F5, F5; \
	SCVTFWS R6, F6; \
	FMULS  F6, F5, F5; \
	FADDS  F5, F16, F16

// LOAD_Q8: V0, V1 = the 32 weight bytes of the Q8_0 block at R0.
#define LOAD_Q8 \
	ADD    $2, R0, R5; \
	VLD1   (R5), [V0.B16, V1.B16]

// LOAD_Q4: V0, V1 = the 32 weights (nibble − 8) of the Q4_0 block at R0;
// V17 holds 15 in every byte, V18 holds 8.
#define LOAD_Q4 \
	ADD    $2, R0, R5; \
	VLD1   (R5), [V0.B16]; \
	VUSHR  $4, V0.B16, V1.B16; \
	VAND   V17.B16, V0.B16, V0.B16; \
	VSUB   V18.B16, V0.B16, V0.B16; \
	VSUB   V18.B16, V1.B16, V1.B16

// SETUP_Q4: the constants of LOAD_Q8 and LOAD_Q4.
#define SETUP_Q4 \
	VMOVI  $15, V17.B16; \
	VMOVI  $8, V18.B16

// SETUP_Q5: the constants of LOAD_Q5, LOAD_Q4_1 and LOAD_Q5_1: V17 holds 15 in every byte, V19 16;
// V20 and V21 pick bytes 0, 1 and 2, 3 of a word (each byte 8 times), and
// V22 holds the bits 1, 2, 4, …, 128 in each half.
#define SETUP_Q5 \
	VMOVI  $15, V17.B16; \
	VMOVI  $16, V19.B16; \
	MOVD   $0x0101010101010101, R7; \
	VMOV   ZR, V20.D[0]; \
	VMOV   R7, V20.D[1]; \
	LSL    $1, R7, R8; \
	VMOV   R8, V21.D[0]; \
	ADD    R7, R8, R8; \
	VMOV   R8, V21.D[1]; \
	MOVD   $0x8040201008040201, R7; \
	VMOV   R7, V22.D[0]; \
	VMOV   R7, V22.D[1]

// FIFTH_BITS(off): V24, V25 = 16 in the bytes of elements 0-15 and 16-31
// whose fifth bit is set in the 32 bits at off(R0), else 0: each byte of the
// bits is spread over the 8 elements it covers, and CMTST against V22 turns
// each element's own bit into 0xff, of which 16 is kept.
#define FIFTH_BITS(off) \
	MOVWU  off(R0), R5; \
	VMOV   R5, V23.S[0]; \
	VTBL   V20.B16, [V23.B16], V24.B16; \
	VTBL   V21.B16, [V23.B16], V25.B16; \
	VCMTST V22.B16, V24.B16, V24.B16; \
	VCMTST V22.B16, V25.B16, V25.B16; \
	VAND   V19.B16, V24.B16, V24.B16; \
	VAND   V19.B16, V25.B16, V25.B16

// NIBBLES(off): V0, V1 = the low and high nibbles of the 16 bytes at off(R0).
#define NIBBLES(off) \
	ADD    $(off), R0, R5; \
	VLD1   (R5), [V0.B16]; \
	VUSHR  $4, V0.B16, V1.B16; \
	VAND   V17.B16, V0.B16, V0.B16

// LOAD_Q5: V0, V1 = the 32 weights (nibble | fifth bit << 4) − 16 of the
// Q5_0 block at R0 (d f16, 32 fifth bits, 16 nibble bytes).
#define LOAD_Q5 \
	FIFTH_BITS(2); \
	NIBBLES(6); \
	VORR   V24.B16, V0.B16, V0.B16; \
	VORR   V25.B16, V1.B16, V1.B16; \
	VSUB   V19.B16, V0.B16, V0.B16; \
	VSUB   V19.B16, V1.B16, V1.B16

// LOAD_Q4_1: V0, V1 = the 32 nibbles of the Q4_1 block at R0 (d, m f16, 16
// nibble bytes).
#define LOAD_Q4_1 \
	NIBBLES(4)

// LOAD_Q5_1: V0, V1 = the 32 weights nibble | fifth bit << 4 of the Q5_1
// block at R0 (d, m f16, 32 fifth bits, 16 nibble bytes).
#define LOAD_Q5_1 \
	FIFTH_BITS(4); \
	NIBBLES(8); \
	VORR   V24.B16, V0.B16, V0.B16; \
	VORR   V25.B16, V1.B16, V1.B16
