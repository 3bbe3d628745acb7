package quant_test

import (
	"fmt"

	"github.com/hearth-app/hearth/engine/quant"
)

func ExampleQuantize() {
	x := make([]float32, 32) // one Q8_0 block
	for i := range x {
		x[i] = float32(i-16) / 4
	}
	q, err := quant.Quantize(quant.Q8_0, x)
	if err != nil {
		panic(err)
	}
	y := make([]float32, len(x))
	if err := quant.Dequantize(quant.Q8_0, q, y); err != nil {
		panic(err)
	}
	// The scale is 4/127 rounded to fp16: (1+8/1024)/32. -3.75 becomes
	// round(-3.75·127/4) = -119 steps of it.
	fmt.Println(len(q), "bytes;", x[1], "->", y[1])
	// Output: 34 bytes; -3.75 -> -3.7478027
}
