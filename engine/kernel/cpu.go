package kernel

import (
	"os"
	"strings"
	"sync/atomic"

	"golang.org/x/sys/cpu"
)

// Features names the SIMD instruction sets the kernels may use. The zero
// value means plain Go everywhere.
type Features struct {
	AVX2    bool // amd64: AVX2 with FMA and F16C
	AVX512  bool // amd64: AVX-512 F, BW and VL
	VNNI    bool // amd64: AVX-512 VNNI (byte dot products)
	NEON    bool // arm64: Advanced SIMD (always present on arm64)
	DotProd bool // arm64: the ARMv8.2 dot product instructions (SDOT), with NEON
	I8MM    bool // arm64: the int8 matrix multiply instructions (SMMLA), with DotProd
}

// simd holds the instruction sets in use. Every product reads it when it
// is called, so a level is a property of the process, not of each caller: it is
// the CPU's own (narrowed by HEARTH_SIMD) unless a test narrows it with
// UseSIMD. It is atomic so that such a change is never a data race; a
// product that runs across a change may finish some rows at either level,
// and every level computes the same values within the kernels' documented
// tolerance.
var simd atomic.Pointer[Features]

func init() {
	f := detectFeatures()
	simd.Store(&f)
}

// detectFeatures reads the CPU's features at start. HEARTH_SIMD=off turns
// every SIMD kernel off (to compare with the plain-Go kernels, or to work
// around a faulty path), HEARTH_SIMD=avx2 keeps amd64 to AVX2, and
// HEARTH_SIMD=dotprod keeps arm64 to SDOT (no SMMLA).
func detectFeatures() Features {
	mode := strings.ToLower(os.Getenv("HEARTH_SIMD"))
	if mode == "off" {
		return Features{}
	}
	f := Features{
		AVX2:   cpu.X86.HasAVX2 && cpu.X86.HasFMA && cpu.X86.HasOSXSAVE,
		AVX512: cpu.X86.HasAVX512F && cpu.X86.HasAVX512BW && cpu.X86.HasAVX512VL,
		NEON:   cpu.ARM64.HasASIMD,
	}
	f.VNNI = f.AVX512 && cpu.X86.HasAVX512VNNI
	// HasASIMDDP is Linux's HWCAP_ASIMDDP (macOS: hw.optional.arm.FEAT_DotProd): the
	// SDOT/UDOT dot product instructions.
	f.DotProd = f.NEON && cpu.ARM64.HasASIMDDP
	// HasI8MM is Linux's HWCAP2_I8MM and macOS's hw.optional.arm.FEAT_I8MM
	// (x/sys/cpu reads that sysctl on darwin, so Apple M2 and later report
	// it): SMMLA and the other int8 matrix multiplies, mandatory from
	// Armv8.6, where the dot product instructions are too (from Armv8.4).
	// The SMMLA level runs the SDOT kernels beside the SMMLA tiles, so I8MM
	// is only taken with DotProd.
	f.I8MM = f.DotProd && cpu.ARM64.HasI8MM
	switch mode {
	case "avx2":
		f.AVX512, f.VNNI = false, false
	case "dotprod":
		f.I8MM = false
	}
	return f
}

// SIMD returns the instruction sets the kernels use on this machine.
func SIMD() Features { return *simd.Load() }

// UseSIMD sets the instruction sets the kernels may use, limited to what
// the CPU has, and returns the previous setting. Tests use it to run the
// SIMD and plain-Go paths on the same data. It is safe to call at any time,
// but products already running may see either setting.
func UseSIMD(f Features) Features {
	prev := *simd.Load()
	hw := detectFeatures()
	next := Features{
		AVX2:   f.AVX2 && hw.AVX2,
		AVX512: f.AVX512 && hw.AVX512,
		VNNI:   f.VNNI && hw.VNNI,
		NEON:   f.NEON && hw.NEON,
		// DotProd only with NEON, so that UseSIMD(Features{DotProd: true}) is plain Go.
		DotProd: f.DotProd && f.NEON && hw.DotProd,
		// I8MM likewise only with DotProd.
		I8MM: f.I8MM && f.DotProd && f.NEON && hw.I8MM,
	}
	simd.Store(&next)
	return prev
}
