//go:build amd64

#include "textflag.h"

// The float32 constants of expShift, bit for bit those of the Go code.
DATA expc<>+0(SB)/4, $0xc2aeac4f  // -87.33654: below, e^x is 0
DATA expc<>+4(SB)/4, $0x3fb8aa3b  // log2(e)
DATA expc<>+8(SB)/4, $0x3f000000  // 0.5
DATA expc<>+12(SB)/4, $0x3f318000 // ln2, high part
DATA expc<>+16(SB)/4, $0x395e8083 // -(ln2, low part)
DATA expc<>+20(SB)/4, $0x39500d01 // 1/5040
DATA expc<>+24(SB)/4, $0x3ab60b61 // 1/720
DATA expc<>+28(SB)/4, $0x3c088889 // 1/120
DATA expc<>+32(SB)/4, $0x3d2aaaab // 1/24
DATA expc<>+36(SB)/4, $0x3e2aaaab // 1/6
DATA expc<>+40(SB)/4, $0x3f800000 // 1
DATA expc<>+44(SB)/4, $127        // exponent bias (int32)
GLOBL expc<>(SB), RODATA|NOPTR, $48

// MULADD sets P = P·R + c, rounding after the product and after the sum as
// the Go code does (no FMA).
#define MULADD(c) \
	VMULPS       Y14, Y1, Y1; \
	VBROADCASTSS c, Y2; \
	VADDPS       Y2, Y1, Y1

// func expShiftAVX2(x *float32, m float32, n int)
//
// expShiftAVX2 sets x[i] = expShiftOne(x[i]-m) for the n values at x (n a
// multiple of 8), eight at a time, with the same float32 operations in the
// same order as the Go code, so each result is bit for bit the same.
// Registers: DI x, CX values left, Y15 m, Y0 y = x-m, Y13 n, Y14 r, Y1 p.
TEXT ·expShiftAVX2(SB), NOSPLIT, $0-24
	MOVQ         x+0(FP), DI
	VBROADCASTSS m+8(FP), Y15
	MOVQ         n+16(FP), CX
	SHRQ         $3, CX
	JZ           done

loop:
	VMOVUPS      (DI), Y0
	VSUBPS       Y15, Y0, Y0
	VBROADCASTSS expc<>+4(SB), Y2
	VMULPS       Y2, Y0, Y3
	VBROADCASTSS expc<>+8(SB), Y2
	VSUBPS       Y2, Y3, Y3
	VCVTTPS2DQ   Y3, Y12
	VCVTDQ2PS    Y12, Y13
	VBROADCASTSS expc<>+12(SB), Y2
	VMULPS       Y2, Y13, Y3
	VSUBPS       Y3, Y0, Y14
	VBROADCASTSS expc<>+16(SB), Y2
	VMULPS       Y2, Y13, Y3
	VADDPS       Y3, Y14, Y14
	VBROADCASTSS expc<>+20(SB), Y1
	MULADD(expc<>+24(SB))
	MULADD(expc<>+28(SB))
	MULADD(expc<>+32(SB))
	MULADD(expc<>+36(SB))
	MULADD(expc<>+8(SB))
	MULADD(expc<>+40(SB))
	MULADD(expc<>+40(SB))
	VPBROADCASTD expc<>+44(SB), Y2
	VPADDD       Y2, Y12, Y12
	VPSLLD       $23, Y12, Y12
	VMULPS       Y12, Y1, Y1
	VBROADCASTSS expc<>+0(SB), Y2
	VCMPPS       $0x1d, Y2, Y0, Y3 // y >= -87.33654 (ordered, quiet)
	VANDPS       Y3, Y1, Y1
	VMOVUPS      Y1, (DI)
	ADDQ         $32, DI
	DECQ         CX
	JNZ          loop

done:
	VZEROUPPER
	RET
