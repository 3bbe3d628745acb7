package kernel

import (
	"os"
	"strings"
	"testing"
)

// TestNEONPresent checks that arm64 runs the NEON kernels (Advanced SIMD is
// part of every arm64 CPU Go supports), so that forEachLevel's levels cover
// them, and logs whether the dot product kernels run too. HEARTH_SIMD=off
// turns them off on purpose.
func TestNEONPresent(t *testing.T) {
	hw := detectFeatures()
	t.Logf("SIMD() = %+v, levels %v", SIMD(), featureLevels())
	if strings.EqualFold(os.Getenv("HEARTH_SIMD"), "off") {
		t.Skip("HEARTH_SIMD=off")
	}
	if !hw.NEON {
		t.Fatal("arm64 without Advanced SIMD: the NEON kernels are not tested")
	}
}

// TestI8MMPresent fails where HEARTH_REQUIRE_I8MM=1 and the CPU lacks the
// int8 matrix multiply instructions, so that a run meant to test the SMMLA
// tiles (make test-arm64, under qemu's default CPU model, which has them)
// cannot pass by skipping them.
func TestI8MMPresent(t *testing.T) {
	hw := detectFeatures()
	t.Logf("I8MM %v", hw.I8MM)
	if os.Getenv("HEARTH_REQUIRE_I8MM") == "1" && !hw.I8MM {
		t.Fatal("HEARTH_REQUIRE_I8MM=1 but the CPU (or qemu's CPU model) has no i8mm: the SMMLA tiles are not tested")
	}
}
