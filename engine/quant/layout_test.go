package quant_test

import (
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine/internal/llamaref"
	"github.com/hearth-app/hearth/engine/quant"
)

// TestLayoutMatchesGGML checks the block table against ggml's type traits.
func TestLayoutMatchesGGML(t *testing.T) {
	llamaref.Require(t)
	types := []quant.Type{
		quant.F32, quant.F16, quant.Q4_0, quant.Q4_1, quant.Q5_0, quant.Q5_1, quant.Q8_0, quant.Q8_1,
		quant.Q2_K, quant.Q3_K, quant.Q4_K, quant.Q5_K, quant.Q6_K, quant.Q8_K,
		quant.I8, quant.I16, quant.I32, quant.I64, quant.F64, quant.BF16,
	}
	for _, typ := range types {
		t.Run(typ.String(), func(t *testing.T) {
			l, ok := quant.LayoutOf(typ)
			if !ok {
				t.Fatalf("LayoutOf(%d): no layout", typ)
			}
			size, bytes, name := llamaref.TypeLayout(t, uint32(typ))
			if l.BlockSize != size || l.BlockBytes != bytes || !strings.EqualFold(l.Name, name) {
				t.Errorf("layout %+v, ggml: %d elements in %d bytes, %q", l, size, bytes, name)
			}
		})
	}
}
