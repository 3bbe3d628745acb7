#include "textflag.h"

// NEON kernels of DotF16Rows and AxpyF16Rows (contract in rows_arm64.go).
// The per-row arithmetic is that of dotF16NEON and axpyF16NEON in
// dot_float_arm64.s, instruction for instruction, so every result is bit for
// bit what DotF16 and AxpyF16 give.
//
//   FCVTL  Vd.4S, Vn.4H       0x0E217800 | n<<5 | d
//   FCVTL2 Vd.4S, Vn.8H       0x4E217800 | n<<5 | d
//   FADD   Vd.4S, Vn.4S, Vm.4S 0x4E20D400 | m<<16 | n<<5 | d
//   FADDP  Vd.4S, Vn.4S, Vm.4S 0x6E20D400 | m<<16 | n<<5 | d
//   FADDP  Sd, Vn.2S           0x7E30D800 | n<<5 | d
#define FCVTL(n, d) WORD $(0x0E217800 | (n)<<5 | (d))
#define FCVTL2(n, d) WORD $(0x4E217800 | (n)<<5 | (d))
#define FADD4S(m, n, d) WORD $(0x4E20D400 | (m)<<16 | (n)<<5 | (d))
#define FADDP4S(m, n, d) WORD $(0x6E20D400 | (m)<<16 | (n)<<5 | (d))
#define FADDP2S(n, d) WORD $(0x7E30D800 | (n)<<5 | (d))

// WIDEN(p): V4-V7 = the 16 binary16 values at p as float32 (p stepped past).
#define WIDEN(p) \
	VLD1.P 32(p), [V16.H8, V17.H8]; \
	FCVTL(16, 4); \
	FCVTL2(16, 5); \
	FCVTL(17, 6); \
	FCVTL2(17, 7)

// func dotF16RowsNEON(dst *float32, rows *uint16, stride, n int, x *float32, hd int, scale float32)
TEXT ·dotF16RowsNEON(SB), NOSPLIT, $0-52
	MOVD  dst+0(FP), R3
	MOVD  rows+8(FP), R4
	MOVD  stride+16(FP), R5
	LSL   $1, R5          // the stride in bytes
	MOVD  n+24(FP), R6
	MOVD  x+32(FP), R7
	MOVD  hd+40(FP), R8
	FMOVS scale+48(FP), F25
	VEOR  V26.B16, V26.B16, V26.B16 // +0

rowloop:
	MOVD R4, R0
	MOVD R7, R1
	MOVD R8, R2
	VEOR V0.B16, V0.B16, V0.B16
	VEOR V1.B16, V1.B16, V1.B16
	VEOR V2.B16, V2.B16, V2.B16
	VEOR V3.B16, V3.B16, V3.B16

dotloop:
	WIDEN(R0)
	VLD1.P 64(R1), [V20.S4, V21.S4, V22.S4, V23.S4]
	VFMLA  V20.S4, V4.S4, V0.S4
	VFMLA  V21.S4, V5.S4, V1.S4
	VFMLA  V22.S4, V6.S4, V2.S4
	VFMLA  V23.S4, V7.S4, V3.S4
	SUBS   $16, R2
	BNE    dotloop

	FADD4S(1, 0, 0)
	FADD4S(3, 2, 2)
	FADD4S(2, 0, 0)
	FADDP4S(0, 0, 0)
	FADDP2S(0, 0)
	FADDS  F26, F0, F0 // + 0
	FMULS  F25, F0, F0
	FMOVS.P F0, 4(R3)
	ADD    R5, R4
	SUBS   $1, R6
	BNE    rowloop
	RET

// func axpyF16RowsNEON(dst *float32, w *float32, rows *uint16, stride, n, hd int)
TEXT ·axpyF16RowsNEON(SB), NOSPLIT, $0-48
	MOVD dst+0(FP), R3
	MOVD w+8(FP), R7
	MOVD rows+16(FP), R4
	MOVD stride+24(FP), R5
	LSL  $1, R5 // the stride in bytes
	MOVD n+32(FP), R6
	MOVD hd+40(FP), R8

chunkloop:
	VLD1 (R3), [V0.S4, V1.S4, V2.S4, V3.S4]
	MOVD R4, R0 // this chunk of row 0
	MOVD R7, R1
	MOVD R6, R2

rowloop:
	MOVD   R0, R9
	WIDEN(R9)
	VLD1R.P 4(R1), [V24.S4]
	VFMLA  V24.S4, V4.S4, V0.S4
	VFMLA  V24.S4, V5.S4, V1.S4
	VFMLA  V24.S4, V6.S4, V2.S4
	VFMLA  V24.S4, V7.S4, V3.S4
	ADD    R5, R0
	SUBS   $1, R2
	BNE    rowloop

	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R3)
	ADD    $32, R4
	SUBS   $16, R8
	BNE    chunkloop
	RET
