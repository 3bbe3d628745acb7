package model

import "math"

// rope rotates query and key heads by their position, as ggml_rope_ext does:
// pair i turns by pos·base^(-2i/dims) (the power built by repeated float32
// multiplication, as ggml builds it), divided by the pair's frequency factor
// when the model has rope_freqs, times the linear scale; YaRN mixes in the
// unscaled angle and corrects the magnitude.
type rope struct {
	dims       int
	neox       bool
	thetaScale float32
	freqScale  float32
	factors    []float32 // per pair, or nil
	extFactor  float32
	mscale     float32
	corr       [2]float32
}

func newRope(c Config, neox bool, factors []float32) *rope {
	r := &rope{
		dims:       c.RopeDims,
		neox:       neox,
		thetaScale: float32(math.Pow(float64(c.RopeBase), float64(float32(-2)/float32(c.RopeDims)))),
		freqScale:  c.RopeScale,
		factors:    factors,
		mscale:     1,
	}
	if c.RopeAttnFactor > 0 {
		r.mscale = c.RopeAttnFactor
	}
	if y := c.RopeYarn; y != nil {
		r.extFactor, r.mscale = y.ExtFactor, r.mscale*y.AttnFactor
		r.corr = yarnCorrDims(c.RopeDims, y.OrigContext, c.RopeBase, y.BetaFast, y.BetaSlow)
	}
	return r
}

// yarnCorrDims returns the first and last dimension YaRN's ramp spans.
func yarnCorrDims(dims, origCtx int, base, betaFast, betaSlow float32) [2]float32 {
	corr := func(rot float32) float32 {
		return float32(dims) * float32(math.Log(float64(float32(origCtx)/(rot*2*math.Pi)))) / (2 * float32(math.Log(float64(base))))
	}
	start := float32(math.Floor(float64(corr(betaFast))))
	end := float32(math.Ceil(float64(corr(betaSlow))))
	return [2]float32{max(0, start), min(float32(dims-1), end)}
}

// table writes cos and sin of every pair's angle at pos into cs (2 per pair).
func (r *rope) table(pos int, cs []float32) {
	theta := float32(pos)
	for i := 0; i < r.dims/2; i++ {
		te := theta
		if r.factors != nil {
			te = theta / r.factors[i]
		}
		angle := r.freqScale * te
		m := r.mscale
		if r.extFactor != 0 {
			y := (float32(i) - r.corr[0]) / max(0.001, r.corr[1]-r.corr[0])
			mix := (1 - min(1, max(0, y))) * r.extFactor
			angle = angle*(1-mix) + te*mix
			m *= 1 + 0.1*float32(math.Log(float64(1/r.freqScale)))
		}
		s, c := math.Sincos(float64(angle))
		cs[2*i], cs[2*i+1] = float32(c)*m, float32(s)*m
		theta *= r.thetaScale
	}
}

// apply rotates one head x (length >= dims) with the angles cs of its
// position.
func (r *rope) apply(x, cs []float32) {
	half := r.dims / 2
	for i := range half {
		a, b := 2*i, 2*i+1 // adjacent pairs
		if r.neox {
			a, b = i, i+half
		}
		c, s := cs[2*i], cs[2*i+1]
		x0, x1 := x[a], x[b]
		x[a] = x0*c - x1*s
		x[b] = x0*s + x1*c
	}
}
