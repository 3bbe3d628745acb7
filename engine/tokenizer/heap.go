package tokenizer

// queue is a binary max-heap: pop returns the item for which before holds
// against every other. The merge loops use it to take the best pair next.
type queue[T any] struct {
	items  []T
	before func(a, b *T) bool
}

func (q *queue[T]) reset() { q.items = q.items[:0] }

func (q *queue[T]) len() int { return len(q.items) }

func (q *queue[T]) push(x T) {
	q.items = append(q.items, x)
	q.up(len(q.items) - 1)
}

func (q *queue[T]) pop() T {
	top := q.items[0]
	last := len(q.items) - 1
	q.items[0] = q.items[last]
	q.items = q.items[:last]
	if last > 0 {
		q.down(0)
	}
	return top
}

func (q *queue[T]) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !q.before(&q.items[i], &q.items[p]) {
			return
		}
		q.items[i], q.items[p] = q.items[p], q.items[i]
		i = p
	}
}

func (q *queue[T]) down(i int) {
	n := len(q.items)
	for {
		best := i
		for _, c := range [2]int{2*i + 1, 2*i + 2} {
			if c < n && q.before(&q.items[c], &q.items[best]) {
				best = c
			}
		}
		if best == i {
			return
		}
		q.items[i], q.items[best] = q.items[best], q.items[i]
		i = best
	}
}
