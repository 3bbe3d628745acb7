package quant

// Helpers shared by the K-quant super-block formats (256 elements in 8 or 16
// sub-blocks, with the sub-block scales quantized again). They follow
// make_qkx2_quants, make_qx_quants and get_scale_min_k4 of ggml-quants.c
// operation for operation, because the chosen quants depend on every rounding.

const (
	qkK         = 256 // elements per K-quant super-block
	kScaleBytes = 12  // packed 6-bit scales and mins of Q4_K and Q5_K
)

// kFit holds the scratch buffers of one sub-block fit.
type kFit struct {
	weights [32]float32
	aux     [32]uint8
}

// fitAffine finds a scale and minimum for x with x ≈ scale·levels - negMin,
// levels in [0, nmax], minimising the weighted squared (or absolute, with useMad)
// error over nstep+1 trial scales; it writes the quants to levels. It is
// make_qkx2_quants; the returned negMin is its *the_min.
func (f *kFit) fitAffine(nmax int32, x []float32, levels []uint8, rmin, rdelta float32, nstep int, useMad bool) (scale, negMin float32) {
	w := f.weights[:len(x)]
	vmin, vmax := x[0], x[0]
	sumW := w[0]
	sumX := float32(sumW * x[0])
	for i := 1; i < len(x); i++ {
		if x[i] < vmin {
			vmin = x[i]
		}
		if x[i] > vmax {
			vmax = x[i]
		}
		sumW += w[i]
		sumX += float32(w[i] * x[i])
	}
	if vmin > 0 {
		vmin = 0
	}
	if vmax == vmin {
		clear(levels[:len(x)])
		return 0, -vmin
	}
	iscale := float32(nmax) / (vmax - vmin)
	scale = 1 / iscale
	best := f.assign(nmax, x, levels, iscale, scale, vmin, useMad)
	if nstep < 1 {
		return scale, -vmin
	}
	for is := 0; is <= nstep; is++ {
		iscale = (float32(rmin+float32(rdelta*float32(is))) + float32(nmax)) / (vmax - vmin)
		s, m, ok := f.trial(nmax, x, iscale, vmin, sumW, sumX)
		if !ok {
			continue
		}
		if e := f.errorOf(x, f.aux[:len(x)], s, m, useMad); e < best {
			copy(levels[:len(x)], f.aux[:len(x)])
			best, scale, vmin = e, s, m
		}
	}
	return scale, -vmin
}

// assign quantizes x with iscale around vmin into levels and returns the weighted
// error of the result.
func (f *kFit) assign(nmax int32, x []float32, levels []uint8, iscale, scale, vmin float32, useMad bool) float32 {
	for i, v := range x {
		levels[i] = uint8(clamp(nearestInt(float32(iscale*(v-vmin))), 0, nmax))
	}
	return f.errorOf(x, levels[:len(x)], scale, vmin, useMad)
}

// errorOf returns the weighted error of x ≈ scale·levels + vmin.
func (f *kFit) errorOf(x []float32, levels []uint8, scale, vmin float32, useMad bool) float32 {
	var sum float32
	for i, v := range x {
		diff := float32(float32(scale*float32(levels[i]))+vmin) - v
		if useMad {
			diff = absf(diff)
		} else {
			diff = diff * diff
		}
		sum += float32(f.weights[i] * diff)
	}
	return sum
}

// trial quantizes x with iscale into f.aux and solves the weighted least
// squares for the best scale and minimum of those quants.
func (f *kFit) trial(nmax int32, x []float32, iscale, vmin, sumW, sumX float32) (scale, newMin float32, ok bool) {
	var sumL, sumL2, sumXL float32
	for i, v := range x {
		l := clamp(nearestInt(float32(iscale*(v-vmin))), 0, nmax)
		f.aux[i] = uint8(l)
		wl := float32(f.weights[i] * float32(l))
		sumL += wl
		sumL2 += float32(wl * float32(l))
		sumXL += float32(wl * v)
	}
	det := float32(sumW*sumL2) - float32(sumL*sumL)
	if !(det > 0) {
		return 0, 0, false
	}
	scale = (float32(sumW*sumXL) - float32(sumX*sumL)) / det
	newMin = (float32(sumL2*sumX) - float32(sumL*sumXL)) / det
	if newMin > 0 {
		newMin = 0
		scale = sumXL / sumL2
	}
	return scale, newMin, true
}

// fitSymmetric finds a scale for x with x ≈ scale·(levels-nmax), levels in [0, 2·nmax),
// weighting each element by x² and trying 18 scales around the first guess. It
// is make_qx_quants with rmse_type 1 and no importance weights.
func fitSymmetric(nmax int32, x []float32, levels []int8) float32 {
	var amax, vmax float32
	for _, v := range x {
		if a := absf(v); a > amax {
			amax, vmax = a, v
		}
	}
	if amax < groupMaxEps {
		clear(levels[:len(x)])
		return 0
	}
	iscale := float32(-nmax) / vmax
	sumLX, sumL2 := symmetricSums(nmax, x, levels, iscale)
	scale := float32(0)
	if sumL2 != 0 {
		scale = sumLX / sumL2
	}
	best := scale * sumLX
	for is := int32(-9); is <= 9; is++ {
		if is == 0 {
			continue
		}
		iscale = -(float32(nmax) + float32(0.1*float32(is))) / vmax
		sumLX, sumL2 = symmetricSums(nmax, x, nil, iscale)
		if sumL2 > 0 && float32(sumLX*sumLX) > float32(best*sumL2) {
			symmetricSums(nmax, x, levels, iscale)
			scale = sumLX / sumL2
			best = scale * sumLX
		}
	}
	return scale
}

// groupMaxEps is ggml's GROUP_MAX_EPS: a group whose largest magnitude is
// below it counts as all zero.
const groupMaxEps = 1e-15

// symmetricSums quantizes x with iscale, writing the quants to levels unless levels is
// nil, and returns Σw·x·l and Σw·l² with w = x².
func symmetricSums(nmax int32, x []float32, levels []int8, iscale float32) (sumLX, sumL2 float32) {
	for i, v := range x {
		l := clamp(nearestInt(float32(iscale*v)), -nmax, nmax-1)
		if levels != nil {
			levels[i] = int8(l + nmax)
		}
		w := float32(v * v)
		fl := float32(l)
		sumLX += float32(float32(w*v) * fl)
		sumL2 += float32(float32(w*fl) * fl)
	}
	return sumLX, sumL2
}

// scaleMinK4 unpacks the 6-bit scale and min of sub-block j from the 12
// packed bytes of a Q4_K or Q5_K block (get_scale_min_k4).
func scaleMinK4(j int, q *[kScaleBytes]byte) (sc, m uint8) {
	if j < 4 {
		return q[j] & 63, q[j+4] & 63
	}
	return q[j+4]&0xf | q[j-4]>>6<<4, q[j+4]>>4 | q[j]>>6<<4
}

// putScaleMinK4 packs the 6-bit scales and mins of the 8 sub-blocks into q,
// the inverse of scaleMinK4.
func putScaleMinK4(q *[kScaleBytes]byte, ls, lm *[8]uint8) {
	for j := range 8 {
		if j < 4 {
			q[j] = ls[j]
			q[j+4] = lm[j]
			continue
		}
		q[j+4] = ls[j]&0xf | lm[j]&0xf<<4
		q[j-4] |= ls[j] >> 4 << 6
		q[j] |= lm[j] >> 4 << 6
	}
}
