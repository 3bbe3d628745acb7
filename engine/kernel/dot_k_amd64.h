// Macros shared by the AVX2 and AVX-512 K-quant kernels. Registers: SI
// the row's block, DI its activations, R8 their scales, R9 their 16-sums.

// KSCALES unpacks the 12 scale bytes at off(SI) of a Q4_K or Q5_K block:
// the eight 6-bit scales go to words 0..7 of both lanes of Y2 and the eight
// 6-bit mins to words 0..7 of X3. Clobbers AX, BX, DX, R10, R11, R12.
#define KSCALES(off) \
	MOVL off(SI), AX \
	MOVL off+4(SI), BX \
	MOVL off+8(SI), DX \
	MOVL AX, R10 \
	ANDL $0x3f3f3f3f, R10 \
	MOVL BX, R11 \
	ANDL $0x3f3f3f3f, R11 \
	MOVL DX, R12 \
	ANDL $0x0f0f0f0f, R12 \
	SHRL $6, AX \
	ANDL $0x03030303, AX \
	SHLL $4, AX \
	ORL  AX, R12 \
	SHRL $4, DX \
	ANDL $0x0f0f0f0f, DX \
	SHRL $6, BX \
	ANDL $0x03030303, BX \
	SHLL $4, BX \
	ORL  BX, DX \
	SHLQ $32, R12 \
	ORQ  R12, R10 \
	SHLQ $32, DX \
	ORQ  DX, R11 \
	VMOVQ R10, X2 \
	VPMOVZXBW X2, X2 \
	VPERMQ $0x44, Y2, Y2 \
	VMOVQ R11, X3 \
	VPMOVZXBW X3, X3

// KMINS adds -(d*dmin) * Σ min_j*(sum of sub-block j's activations) into
// the float32 lanes of X1, and leaves d*dall in X5 lane 0. The mins are in
// X3, the 16 activation sums at (R9), d at (R8), dall and dmin at (SI).
#define KMINS \
	VMOVDQU (R9), X4 \
	VPHADDW 16(R9), X4, X4 \
	VPMADDWD X4, X3, X3 \
	VCVTDQ2PS X3, X3 \
	VMOVD (SI), X5 \
	VCVTPH2PS X5, X5 \
	VBROADCASTSS (R8), X6 \
	VMULPS X6, X5, X5 \
	VPERMILPS $0x55, X5, X6 \
	VFNMADD231PS X6, X3, X1

// ROWEND sums the lanes of Y0 and X1 into the float32 result at off(FP).
#define ROWEND \
	VEXTRACTF128 $1, Y0, X2 \
	VADDPS X2, X0, X0 \
	VADDPS X1, X0, X0 \
	VHADDPS X0, X0, X0 \
	VHADDPS X0, X0, X0 \
	VZEROUPPER
