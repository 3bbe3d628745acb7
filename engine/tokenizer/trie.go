package tokenizer

import "slices"

// trie indexes the token texts byte by byte, so that WordPiece finds the
// longest token at a position by walking the text once. (Trying every
// length down from the longest token, as llama.cpp does, hashes up to
// maxLen strings per position: quadratic for a vocabulary with one very
// long token.) Node n's edges are labels/child[start[n]:start[n+1]], sorted
// by label.
type trie struct {
	start  []int32
	labels []byte
	child  []int32
	term   []int32 // the token node n spells, or NoToken
}

// trieRange is a node under construction: the sorted texts[lo:hi] share its
// prefix of depth bytes.
type trieRange struct{ lo, hi, depth int }

// newTrie indexes the texts of ids, breadth first over the sorted texts.
func newTrie(ids map[string]int32) *trie {
	texts := make([]string, 0, len(ids))
	for s := range ids {
		texts = append(texts, s)
	}
	slices.Sort(texts)
	tr := &trie{}
	queue := []trieRange{{0, len(texts), 0}}
	for n := 0; n < len(queue); n++ {
		r := queue[n]
		tr.start = append(tr.start, int32(len(tr.labels)))
		tr.term = append(tr.term, NoToken)
		if r.lo < r.hi && len(texts[r.lo]) == r.depth {
			tr.term[n] = ids[texts[r.lo]]
			r.lo++
		}
		for lo := r.lo; lo < r.hi; {
			c := texts[lo][r.depth]
			hi := lo + 1
			for hi < r.hi && texts[hi][r.depth] == c {
				hi++
			}
			tr.labels = append(tr.labels, c)
			tr.child = append(tr.child, int32(len(queue)))
			queue = append(queue, trieRange{lo, hi, r.depth + 1})
			lo = hi
		}
	}
	tr.start = append(tr.start, int32(len(tr.labels)))
	return tr
}

// next returns the child of node n for byte c.
func (tr *trie) next(n int32, c byte) (int32, bool) {
	lo, hi := tr.start[n], tr.start[n+1]
	for lo < hi {
		m := (lo + hi) / 2
		switch l := tr.labels[m]; {
		case l == c:
			return tr.child[m], true
		case l < c:
			lo = m + 1
		default:
			hi = m
		}
	}
	return 0, false
}

// longest returns the longest token that s starts with and its length.
func (tr *trie) longest(s string) (id int32, n int) {
	id, node := NoToken, int32(0)
	for i := 0; i < len(s); i++ {
		next, ok := tr.next(node, s[i])
		if !ok {
			break
		}
		node = next
		if t := tr.term[node]; t != NoToken {
			id, n = t, i+1
		}
	}
	return id, n
}
