package tokenizer

import "strings"

// Encode returns the token ids of text. With addSpecial it adds the tokens
// the vocabulary asks for (BOS, EOS; BERT's [CLS] and [SEP]). With
// parseSpecial, control tokens written in text (such as "<|im_start|>")
// become those tokens; without it they are encoded as plain text.
// User-defined tokens are always recognised, as llama.cpp does.
func (t *Tokenizer) Encode(text string, addSpecial, parseSpecial bool) []int32 {
	frags := t.partition(text, parseSpecial)
	switch t.kind {
	case kindSPM:
		return t.encodeSPMFragments(text, frags, addSpecial)
	case kindWPM:
		return t.encodeWPMFragments(text, frags, addSpecial)
	}
	return t.encodeBPEFragments(text, frags, addSpecial)
}

func (t *Tokenizer) encodeSPMFragments(text string, frags []fragment, addSpecial bool) []int32 {
	var out []int32
	if addSpecial && t.AddBOS() {
		out = append(out, t.sp.bos)
	}
	afterSpecial := true // the start of the text counts as following a special token
	for _, f := range frags {
		if f.id != NoToken {
			out = append(out, f.id)
			afterSpecial = true
			continue
		}
		s := text[f.start:f.end]
		if t.addSpacePrefix && afterSpecial {
			s = " " + s
		}
		out = t.encodeSPM(out, strings.ReplaceAll(s, " ", "▁"))
		afterSpecial = false
	}
	return t.appendEOS(out, addSpecial)
}

func (t *Tokenizer) encodeBPEFragments(text string, frags []fragment, addSpecial bool) []int32 {
	var out []int32
	if addSpecial && t.AddBOS() {
		out = append(out, t.sp.bos)
	}
	s := t.newBPESession()
	for _, f := range frags {
		if f.id != NoToken {
			out = append(out, f.id)
			continue
		}
		out = s.encode(out, text[f.start:f.end])
	}
	return t.appendEOS(out, addSpecial)
}

func (t *Tokenizer) encodeWPMFragments(text string, frags []fragment, addSpecial bool) []int32 {
	var out []int32
	if addSpecial && t.sp.bos != NoToken {
		out = append(out, t.sp.bos)
	}
	for _, f := range frags {
		if f.id != NoToken {
			out = append(out, f.id)
			continue
		}
		out = t.encodeWPM(out, text[f.start:f.end])
	}
	if addSpecial && t.sp.sep != NoToken {
		out = append(out, t.sp.sep)
	}
	return out
}

func (t *Tokenizer) appendEOS(out []int32, addSpecial bool) []int32 {
	if addSpecial && t.addEOS && t.sp.eos != NoToken {
		out = append(out, t.sp.eos)
	}
	return out
}
