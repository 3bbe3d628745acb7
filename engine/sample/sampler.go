package sample

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
)

// Params configure a Sampler. The zero value is greedy decoding.
type Params struct {
	Temperature   float64 // 0 (or less) picks the most likely token
	TopK          int     // keep the K most likely tokens; 0 keeps all
	TopP          float64 // keep the smallest set with probability >= P; 0 or 1 keeps all
	MinP          float64 // drop tokens less likely than MinP times the most likely; 0 keeps all
	RepeatPenalty float64 // divide positive (multiply negative) logits of recent tokens; 0 or 1 is off
	RepeatLastN   int     // how many recent tokens the penalty looks at; 0 means 64
	Seed          uint64  // seed of the random generator
}

// defaultRepeatLastN is the penalty window when Params.RepeatLastN is 0, as
// in llama.cpp.
const defaultRepeatLastN = 64

// Sampler draws tokens according to Params. It is not safe for concurrent use.
type Sampler struct {
	p     Params
	rng   *rand.Rand
	cands []candidate
	seen  map[int32]bool
}

// candidate is one token still in the running and its (adjusted) logit.
type candidate struct {
	id    int32
	logit float32
	p     float64
}

// New returns a Sampler with its generator seeded from p.Seed.
func New(p Params) *Sampler {
	return &Sampler{
		p:    p,
		rng:  rand.New(rand.NewPCG(p.Seed, p.Seed^0x9e3779b97f4a7c15)),
		seen: map[int32]bool{},
	}
}

// Greedy returns the index of the largest logit, the lowest index on ties.
func Greedy(logits []float32) int32 {
	best := 0
	for i, v := range logits {
		if v > logits[best] {
			best = i
		}
	}
	return int32(best)
}

// Sample returns the next token for logits given the tokens so far (recent
// last). It does not modify logits.
func (s *Sampler) Sample(logits []float32, history []int32) int32 {
	if s.p.Temperature <= 0 && !s.penalizes() {
		return Greedy(logits)
	}
	s.load(logits)
	s.penalize(history)
	if s.p.Temperature <= 0 {
		return s.argmax()
	}
	s.topK()
	s.topP()
	s.minP()
	return s.draw()
}

func (s *Sampler) penalizes() bool {
	return s.p.RepeatPenalty > 0 && s.p.RepeatPenalty != 1
}

// load copies the logits into the candidate list.
func (s *Sampler) load(logits []float32) {
	s.cands = s.cands[:0]
	for i, v := range logits {
		s.cands = append(s.cands, candidate{id: int32(i), logit: v})
	}
}

// penalize applies the repetition penalty, llama.cpp style, once per distinct
// token of the last RepeatLastN.
func (s *Sampler) penalize(history []int32) {
	if !s.penalizes() {
		return
	}
	n := s.p.RepeatLastN
	if n == 0 {
		n = defaultRepeatLastN
	}
	if n > 0 && len(history) > n {
		history = history[len(history)-n:]
	}
	clear(s.seen)
	pen := float32(s.p.RepeatPenalty)
	for _, id := range history {
		if s.seen[id] || id < 0 || int(id) >= len(s.cands) {
			continue
		}
		s.seen[id] = true
		if c := &s.cands[id]; c.logit <= 0 {
			c.logit *= pen
		} else {
			c.logit /= pen
		}
	}
}

// argmax returns the best candidate, ties to the lowest id.
func (s *Sampler) argmax() int32 {
	best := 0
	for i, c := range s.cands {
		if c.logit > s.cands[best].logit {
			best = i
		}
	}
	return s.cands[best].id
}

// sortDesc orders candidates by logit, highest first, ties by id.
func (s *Sampler) sortDesc() {
	slices.SortFunc(s.cands, func(a, b candidate) int {
		if c := cmp.Compare(b.logit, a.logit); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
}

// topK keeps the K best candidates (sorted).
func (s *Sampler) topK() {
	if s.p.TopK <= 0 || s.p.TopK >= len(s.cands) {
		return
	}
	s.sortDesc()
	s.cands = s.cands[:s.p.TopK]
}

// softmax sets p of every candidate from the logits divided by temp.
func (s *Sampler) softmax(temp float64) {
	m := math.Inf(-1)
	for _, c := range s.cands {
		m = max(m, float64(c.logit))
	}
	var sum float64
	for i := range s.cands {
		e := math.Exp((float64(s.cands[i].logit) - m) / temp)
		s.cands[i].p = e
		sum += e
	}
	for i := range s.cands {
		s.cands[i].p /= sum
	}
}

// topP keeps the most likely candidates until their probability reaches
// TopP (at least one).
func (s *Sampler) topP() {
	if s.p.TopP <= 0 || s.p.TopP >= 1 {
		return
	}
	s.sortDesc()
	s.softmax(1)
	var cum float64
	for i, c := range s.cands {
		cum += c.p
		if cum >= s.p.TopP {
			s.cands = s.cands[:i+1]
			return
		}
	}
}

// minP drops candidates less likely than MinP times the most likely one.
func (s *Sampler) minP() {
	if s.p.MinP <= 0 {
		return
	}
	best := float64(s.cands[0].logit)
	for _, c := range s.cands {
		best = max(best, float64(c.logit))
	}
	cut := min(best+math.Log(s.p.MinP), best) // the best token always stays
	s.cands = slices.DeleteFunc(s.cands, func(c candidate) bool { return float64(c.logit) < cut })
}

// draw samples a candidate from the softmax at the temperature.
func (s *Sampler) draw() int32 {
	s.softmax(s.p.Temperature)
	u := s.rng.Float64()
	var cum float64
	for _, c := range s.cands {
		cum += c.p
		if u < cum {
			return c.id
		}
	}
	return s.cands[len(s.cands)-1].id
}
