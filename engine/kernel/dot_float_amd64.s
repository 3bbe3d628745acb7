//go:build amd64

#include "textflag.h"

// Products of float32, binary16 and bfloat16 vectors with float32 vectors,
// and a·x added to a float32 vector, in 8-lane AVX2 registers with FMA. The
// products take n, a multiple of 8 (the Go side does the rest); 32 elements
// per step go to four accumulators, Y0-Y3, so that consecutive FMAs do not
// wait on each other. Registers: SI the first vector, DI the float32 one, CX
// elements left.

// REDUCE adds the lanes of Y0-Y3 into X0.
#define REDUCE \
	VADDPS Y1, Y0, Y0; \
	VADDPS Y3, Y2, Y2; \
	VADDPS Y2, Y0, Y0; \
	VEXTRACTF128 $1, Y0, X1; \
	VADDPS X1, X0, X0; \
	VMOVHLPS X0, X0, X1; \
	VADDPS X1, X0, X0; \
	VMOVSHDUP X0, X1; \
	VADDSS X1, X0, X0; \
	VZEROUPPER

#define SETUP \
	MOVQ w+0(FP), SI; \
	MOVQ x+8(FP), DI; \
	MOVQ n+16(FP), CX; \
	VXORPS Y0, Y0, Y0; \
	VXORPS Y1, Y1, Y1; \
	VXORPS Y2, Y2, Y2; \
	VXORPS Y3, Y3, Y3

// LOADF16 converts the 8 binary16 values at m to float32 in Y.
#define LOADF16(m, Y) VCVTPH2PS m, Y

// LOADBF16 widens the 8 bfloat16 values at m to float32 in Y.
#define LOADBF16(m, Y) \
	VPMOVZXWD m, Y; \
	VPSLLD $16, Y, Y

// func dotF32AVX2(w unsafe.Pointer, x *float32, n int) float32
TEXT ·dotF32AVX2(SB), NOSPLIT, $0-28
	SETUP
	SUBQ $32, CX
	JB   f32rest

f32loop:
	VMOVUPS     (SI), Y4
	VFMADD231PS (DI), Y4, Y0
	VMOVUPS     32(SI), Y5
	VFMADD231PS 32(DI), Y5, Y1
	VMOVUPS     64(SI), Y6
	VFMADD231PS 64(DI), Y6, Y2
	VMOVUPS     96(SI), Y7
	VFMADD231PS 96(DI), Y7, Y3
	ADDQ        $128, SI
	ADDQ        $128, DI
	SUBQ        $32, CX
	JAE         f32loop

f32rest:
	ADDQ $32, CX
	JZ   f32done

f32eight:
	VMOVUPS     (SI), Y4
	VFMADD231PS (DI), Y4, Y0
	ADDQ        $32, SI
	ADDQ        $32, DI
	SUBQ        $8, CX
	JNZ         f32eight

f32done:
	REDUCE
	MOVSS X0, ret+24(FP)
	RET

// func dotF16AVX2(w unsafe.Pointer, x *float32, n int) float32
TEXT ·dotF16AVX2(SB), NOSPLIT, $0-28
	SETUP
	SUBQ $32, CX
	JB   f16rest

f16loop:
	LOADF16((SI), Y4)
	VFMADD231PS (DI), Y4, Y0
	LOADF16(16(SI), Y5)
	VFMADD231PS 32(DI), Y5, Y1
	LOADF16(32(SI), Y6)
	VFMADD231PS 64(DI), Y6, Y2
	LOADF16(48(SI), Y7)
	VFMADD231PS 96(DI), Y7, Y3
	ADDQ        $64, SI
	ADDQ        $128, DI
	SUBQ        $32, CX
	JAE         f16loop

f16rest:
	ADDQ $32, CX
	JZ   f16done

f16eight:
	LOADF16((SI), Y4)
	VFMADD231PS (DI), Y4, Y0
	ADDQ        $16, SI
	ADDQ        $32, DI
	SUBQ        $8, CX
	JNZ         f16eight

f16done:
	REDUCE
	MOVSS X0, ret+24(FP)
	RET

// func dotBF16AVX2(w unsafe.Pointer, x *float32, n int) float32
TEXT ·dotBF16AVX2(SB), NOSPLIT, $0-28
	SETUP
	SUBQ $32, CX
	JB   bf16rest

bf16loop:
	LOADBF16((SI), Y4)
	VFMADD231PS (DI), Y4, Y0
	LOADBF16(16(SI), Y5)
	VFMADD231PS 32(DI), Y5, Y1
	LOADBF16(32(SI), Y6)
	VFMADD231PS 64(DI), Y6, Y2
	LOADBF16(48(SI), Y7)
	VFMADD231PS 96(DI), Y7, Y3
	ADDQ        $64, SI
	ADDQ        $128, DI
	SUBQ        $32, CX
	JAE         bf16loop

bf16rest:
	ADDQ $32, CX
	JZ   bf16done

bf16eight:
	LOADBF16((SI), Y4)
	VFMADD231PS (DI), Y4, Y0
	ADDQ        $16, SI
	ADDQ        $32, DI
	SUBQ        $8, CX
	JNZ         bf16eight

bf16done:
	REDUCE
	MOVSS X0, ret+24(FP)
	RET

// func axpyAVX2(dst *float32, a float32, x *float32, n int)
TEXT ·axpyAVX2(SB), NOSPLIT, $0-32
	MOVQ         dst+0(FP), DI
	VBROADCASTSS a+8(FP), Y15
	MOVQ         x+16(FP), SI
	MOVQ         n+24(FP), CX

axpyloop:
	VMOVUPS     (DI), Y0
	VFMADD231PS (SI), Y15, Y0
	VMOVUPS     Y0, (DI)
	ADDQ        $32, SI
	ADDQ        $32, DI
	SUBQ        $8, CX
	JNZ         axpyloop
	VZEROUPPER
	RET

// func axpyF16AVX2(dst *float32, a float32, h *uint16, n int)
TEXT ·axpyF16AVX2(SB), NOSPLIT, $0-32
	MOVQ         dst+0(FP), DI
	VBROADCASTSS a+8(FP), Y15
	MOVQ         h+16(FP), SI
	MOVQ         n+24(FP), CX

axpyf16loop:
	LOADF16((SI), Y1)
	VMOVUPS     (DI), Y0
	VFMADD231PS Y1, Y15, Y0
	VMOVUPS     Y0, (DI)
	ADDQ        $16, SI
	ADDQ        $32, DI
	SUBQ        $8, CX
	JNZ         axpyf16loop
	VZEROUPPER
	RET
