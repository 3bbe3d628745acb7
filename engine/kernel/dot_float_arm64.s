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
