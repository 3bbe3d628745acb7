package vecindex_test

import (
	"context"
	"fmt"

	"github.com/hearth-app/hearth/memory/internal/vecindex"
)

func Example() {
	x, _ := vecindex.New(3)
	x.Put(101, []float32{1, 0, 0}) // chunk ids from the store
	x.Put(102, []float32{0.7, 0.7, 0})
	x.Put(103, []float32{0, 0, 1})
	x.Remove(103)

	// Exact cosines are 0.995 and 0.774. Quantised, the query is codes
	// (127, 13, 0) at scale 0.99504/127 and chunk 102 is (127, 127, 0) at
	// 0.70711/127, so its score is 0.0078350·0.0055678·17780 = 0.7756.
	hits, _ := x.Search(context.Background(), []float32{1, 0.1, 0}, 2)
	for _, h := range hits {
		fmt.Printf("%d %.2f\n", h.ID, h.Score)
	}
	sealed, _ := x.MarshalBinary() // the store seals these bytes
	y, _ := vecindex.Unmarshal(sealed)
	fmt.Println(y.Len(), "vectors,", len(sealed), "bytes")
	// Output:
	// 101 1.00
	// 102 0.78
	// 2 vectors, 42 bytes
}
