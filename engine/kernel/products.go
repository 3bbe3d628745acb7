package kernel

// Product is one matrix times a batch of vectors, as MatMul computes it:
// Out[t*M.Rows+r] = row r of M · vector t of In.
type Product struct {
	M   Matrix
	In  *Input
	Out []float32
}

// Products computes a set of independent products in one hand-off to the
// pool: the rows of all of them are shared among the threads as one loop.
// Each result is bit for bit what MatMul gives for that product alone.
//
// Several small products (a layer's query, key and value projections, or
// the experts a token is routed to) cost one wake-up of the threads instead
// of one each, and the threads stay busy to the end of the set instead of
// idling at the end of every product. Products may share an Input, even
// with weights of different types.
func Products(p *Pool, ps []Product) error {
	bound := make([]boundProduct, len(ps))
	total := 0
	for i, pr := range ps {
		b, err := bind(p, pr.M, pr.In, pr.Out)
		if err != nil {
			return err
		}
		bound[i] = b
		total += pr.M.Rows
	}
	p.For(total, rowGrain, func(lo, hi int) {
		start := 0
		for i := range bound {
			b := &bound[i]
			end := start + b.m.Rows
			if lo < end && hi > start {
				b.rows(max(lo, start)-start, min(hi, end)-start)
			}
			if end >= hi {
				return
			}
			start = end
		}
	})
	return nil
}
