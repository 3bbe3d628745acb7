//go:build amd64

#include "textflag.h"

// An F16 row times four float32 vectors at once (prefill): each 32 weights
// are converted to float32 once for the four vectors. For every vector the
// FMAs are those of dotF16AVX2 (dot_float_amd64.s) in the same order on the
// same values, with four accumulators per vector, and the lanes are added
// as its REDUCE adds them, so each result is bit for bit the one-vector
// product. Registers: SI the row, DI R8 R9 R10 the vectors, CX elements
// left; Y0-Y3 the converted weights; Y16-Y19, Y20-Y23, Y24-Y27, Y28-Y31 the
// four accumulators of vectors 0 to 3 (dotF16AVX2's Y0-Y3). The EVEX
// registers need AVX-512 VL.

// STEP32 adds the 32 converted weights times 32 values at x to A0-A3.
#define STEP32(x, A0, A1, A2, A3) \
	VFMADD231PS (x), Y0, A0; \
	VFMADD231PS 32(x), Y1, A1; \
	VFMADD231PS 64(x), Y2, A2; \
	VFMADD231PS 96(x), Y3, A3

// TILEREDUCE adds the lanes of A0-A3 into X4 as dotF16AVX2's REDUCE does
// and stores the sum at m.
#define TILEREDUCE(A0, A1, A2, A3, m) \
	VADDPS A1, A0, A0; \
	VADDPS A3, A2, A2; \
	VADDPS A2, A0, A0; \
	VMOVAPS A0, Y4; \
	VEXTRACTF128 $1, Y4, X5; \
	VADDPS X5, X4, X4; \
	VMOVHLPS X4, X4, X5; \
	VADDPS X5, X4, X4; \
	VMOVSHDUP X4, X5; \
	VADDSS X5, X4, X4; \
	MOVSS X4, m

// func dotF16AVX512x4(w unsafe.Pointer, x *float32, stride int, n int, out *[4]float32)
TEXT ·dotF16AVX512x4(SB), NOSPLIT, $0-40
	MOVQ w+0(FP), SI
	MOVQ x+8(FP), DI
	MOVQ stride+16(FP), AX
	SHLQ $2, AX
	LEAQ (DI)(AX*1), R8
	LEAQ (R8)(AX*1), R9
	LEAQ (R9)(AX*1), R10
	MOVQ n+24(FP), CX
	MOVQ out+32(FP), DX
	VPXORD Z16, Z16, Z16
	VMOVAPS Z16, Z17
	VMOVAPS Z16, Z18
	VMOVAPS Z16, Z19
	VMOVAPS Z16, Z20
	VMOVAPS Z16, Z21
	VMOVAPS Z16, Z22
	VMOVAPS Z16, Z23
	VMOVAPS Z16, Z24
	VMOVAPS Z16, Z25
	VMOVAPS Z16, Z26
	VMOVAPS Z16, Z27
	VMOVAPS Z16, Z28
	VMOVAPS Z16, Z29
	VMOVAPS Z16, Z30
	VMOVAPS Z16, Z31
	SUBQ $32, CX
	JB   x4rest

x4loop:
	VCVTPH2PS (SI), Y0
	VCVTPH2PS 16(SI), Y1
	VCVTPH2PS 32(SI), Y2
	VCVTPH2PS 48(SI), Y3
	STEP32(DI, Y16, Y17, Y18, Y19)
	STEP32(R8, Y20, Y21, Y22, Y23)
	STEP32(R9, Y24, Y25, Y26, Y27)
	STEP32(R10, Y28, Y29, Y30, Y31)
	ADDQ $64, SI
	ADDQ $128, DI
	ADDQ $128, R8
	ADDQ $128, R9
	ADDQ $128, R10
	SUBQ $32, CX
	JAE  x4loop

x4rest:
	ADDQ $32, CX
	JZ   x4done

x4eight:
	VCVTPH2PS (SI), Y0
	VFMADD231PS (DI), Y0, Y16
	VFMADD231PS (R8), Y0, Y20
	VFMADD231PS (R9), Y0, Y24
	VFMADD231PS (R10), Y0, Y28
	ADDQ $16, SI
	ADDQ $32, DI
	ADDQ $32, R8
	ADDQ $32, R9
	ADDQ $32, R10
	SUBQ $8, CX
	JNZ  x4eight

x4done:
	TILEREDUCE(Y16, Y17, Y18, Y19, 0(DX))
	TILEREDUCE(Y20, Y21, Y22, Y23, 4(DX))
	TILEREDUCE(Y24, Y25, Y26, Y27, 8(DX))
	TILEREDUCE(Y28, Y29, Y30, Y31, 12(DX))
	VZEROUPPER
	RET
