#include "textflag.h"

// float32 products and a·x added to a float32 vector with NEON fused
// multiply-adds (dispatch in dot_float_arm64.go). 16 elements per step go to
// four 4-lane accumulators, V0-V3, so that consecutive FMLAs do not wait on
// each other.
//
// Go's assembler has no mnemonics for the vector float additions, so they
// are WORDs with these encodings (Arm A64 Advanced SIMD; m, n, d are V
// register numbers):
//   FADD  Vd.4S, Vn.4S, Vm.4S   0x4E20D400 | m<<16 | n<<5 | d
//   FADDP Vd.4S, Vn.4S, Vm.4S   0x6E20D400 | m<<16 | n<<5 | d
//   FADDP Sd, Vn.2S             0x7E30D800 | n<<5 | d
#define FADD4S(m, n, d) WORD $(0x4E20D400 | (m)<<16 | (n)<<5 | (d))
#define FADDP4S(m, n, d) WORD $(0x6E20D400 | (m)<<16 | (n)<<5 | (d))
#define FADDP2S(n, d) WORD $(0x7E30D800 | (n)<<5 | (d))

// func dotF32NEON(w unsafe.Pointer, x *float32, n int) float32
TEXT ·dotF32NEON(SB), NOSPLIT, $0-28
	MOVD w+0(FP), R0
	MOVD x+8(FP), R1
	MOVD n+16(FP), R2
	VEOR V0.B16, V0.B16, V0.B16
	VEOR V1.B16, V1.B16, V1.B16
	VEOR V2.B16, V2.B16, V2.B16
	VEOR V3.B16, V3.B16, V3.B16

dotloop:
	VLD1.P 64(R0), [V4.S4, V5.S4, V6.S4, V7.S4]
	VLD1.P 64(R1), [V16.S4, V17.S4, V18.S4, V19.S4]
	VFMLA  V16.S4, V4.S4, V0.S4
	VFMLA  V17.S4, V5.S4, V1.S4
	VFMLA  V18.S4, V6.S4, V2.S4
	VFMLA  V19.S4, V7.S4, V3.S4
	SUBS   $16, R2
	BNE    dotloop

	FADD4S(1, 0, 0)  // V0.4S = V0.4S + V1.4S
	FADD4S(3, 2, 2)  // V2.4S = V2.4S + V3.4S
	FADD4S(2, 0, 0)  // V0.4S = V0.4S + V2.4S
	FADDP4S(0, 0, 0) // V0.4S = (v0+v1, v2+v3, v0+v1, v2+v3)
	FADDP2S(0, 0)    // S0 = (v0+v1) + (v2+v3)
	FMOVS  F0, ret+24(FP)
	RET

// func axpyNEON(dst *float32, a float32, x *float32, n int)
TEXT ·axpyNEON(SB), NOSPLIT, $0-32
	MOVD  dst+0(FP), R0
	FMOVS a+8(FP), F16
	VDUP  V16.S[0], V16.S4
	MOVD  x+16(FP), R1
	MOVD  n+24(FP), R2

axpyloop:
	VLD1   (R0), [V0.S4, V1.S4, V2.S4, V3.S4]
	VLD1.P 64(R1), [V4.S4, V5.S4, V6.S4, V7.S4]
	VFMLA  V16.S4, V4.S4, V0.S4
	VFMLA  V16.S4, V5.S4, V1.S4
	VFMLA  V16.S4, V6.S4, V2.S4
	VFMLA  V16.S4, V7.S4, V3.S4
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R0)
	SUBS   $16, R2
	BNE    axpyloop
	RET

// The binary16 and bfloat16 kernels widen 16 values per step to float32
// and then run the float32 loops above. FCVTL has no mnemonic either:
//   FCVTL  Vd.4S, Vn.4H   0x0E217800 | n<<5 | d
//   FCVTL2 Vd.4S, Vn.8H   0x4E217800 | n<<5 | d
// A bfloat16 value is the high half of its float32, so ZIP1/ZIP2 with a
// zero register (V31) widens it.
#define FCVTL(n, d) WORD $(0x0E217800 | (n)<<5 | (d))
#define FCVTL2(n, d) WORD $(0x4E217800 | (n)<<5 | (d))

// WIDEN_F16: V4-V7 = the 16 binary16 values at R0 as float32 (R0 stepped past).
#define WIDEN_F16 \
	VLD1.P 32(R0), [V16.H8, V17.H8]; \
	FCVTL(16, 4); \
	FCVTL2(16, 5); \
	FCVTL(17, 6); \
	FCVTL2(17, 7)

// WIDEN_BF16: V4-V7 = the 16 bfloat16 values at R0 as float32 (R0 stepped past).
#define WIDEN_BF16 \
	VLD1.P 32(R0), [V16.H8, V17.H8]; \
	VZIP1  V16.H8, V31.H8, V4.H8; \
	VZIP2  V16.H8, V31.H8, V5.H8; \
	VZIP1  V17.H8, V31.H8, V6.H8; \
	VZIP2  V17.H8, V31.H8, V7.H8

// DOT_HALF(name, widen): Σ w[i]·x[i] over n values, w binary16 or bfloat16.
#define DOT_HALF(name, widen) \
TEXT name(SB), NOSPLIT, $0-28; \
	MOVD   w+0(FP), R0; \
	MOVD   x+8(FP), R1; \
	MOVD   n+16(FP), R2; \
	VEOR   V0.B16, V0.B16, V0.B16; \
	VEOR   V1.B16, V1.B16, V1.B16; \
	VEOR   V2.B16, V2.B16, V2.B16; \
	VEOR   V3.B16, V3.B16, V3.B16; \
	VEOR   V31.B16, V31.B16, V31.B16; \
loop:; \
	widen; \
	VLD1.P 64(R1), [V20.S4, V21.S4, V22.S4, V23.S4]; \
	VFMLA  V20.S4, V4.S4, V0.S4; \
	VFMLA  V21.S4, V5.S4, V1.S4; \
	VFMLA  V22.S4, V6.S4, V2.S4; \
	VFMLA  V23.S4, V7.S4, V3.S4; \
	SUBS   $16, R2; \
	BNE    loop; \
	FADD4S(1, 0, 0); \
	FADD4S(3, 2, 2); \
	FADD4S(2, 0, 0); \
	FADDP4S(0, 0, 0); \
	FADDP2S(0, 0); \
	FMOVS  F0, ret+24(FP); \
	RET

// func dotF16NEON(w unsafe.Pointer, x *float32, n int) float32
DOT_HALF(·dotF16NEON, WIDEN_F16)

// func dotBF16NEON(w unsafe.Pointer, x *float32, n int) float32
DOT_HALF(·dotBF16NEON, WIDEN_BF16)

// func axpyF16NEON(dst *float32, a float32, h *uint16, n int)
TEXT ·axpyF16NEON(SB), NOSPLIT, $0-32
	MOVD  dst+0(FP), R3
	FMOVS a+8(FP), F24
	VDUP  V24.S[0], V24.S4
	MOVD  h+16(FP), R0
	MOVD  n+24(FP), R2

axpyf16loop:
	WIDEN_F16
	VLD1   (R3), [V0.S4, V1.S4, V2.S4, V3.S4]
	VFMLA  V24.S4, V4.S4, V0.S4
	VFMLA  V24.S4, V5.S4, V1.S4
	VFMLA  V24.S4, V6.S4, V2.S4
	VFMLA  V24.S4, V7.S4, V3.S4
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R3)
	SUBS   $16, R2
	BNE    axpyf16loop
	RET
