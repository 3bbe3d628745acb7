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
