package tokenizer

import "strings"

// specialIDs are the ids of the tokens with a role; NoToken where the
// vocabulary has none.
type specialIDs struct {
	bos, eos, eot, eom, unk, sep, pad, mask        int32
	fimPre, fimSuf, fimMid, fimPad, fimRep, fimSep int32
}

// noSpecials has every role unset.
var noSpecials = specialIDs{
	bos: NoToken, eos: NoToken, eot: NoToken, eom: NoToken, unk: NoToken,
	sep: NoToken, pad: NoToken, mask: NoToken, fimPre: NoToken, fimSuf: NoToken,
	fimMid: NoToken, fimPad: NoToken, fimRep: NoToken, fimSep: NoToken,
}

// slots pairs every metadata key with the role it sets, in llama.cpp's order
// (the deprecated prefix/suffix/middle keys last, overriding the fim ones).
func (s *specialIDs) slots() []struct {
	key string
	id  *int32
} {
	return []struct {
		key string
		id  *int32
	}{
		{keyBOS, &s.bos}, {keyEOS, &s.eos}, {keyEOT, &s.eot}, {keyEOM, &s.eom},
		{keyUNK, &s.unk}, {keySEP, &s.sep}, {keyPAD, &s.pad}, {keyMASK, &s.mask},
		{keyFIMPre, &s.fimPre}, {keyFIMSuf, &s.fimSuf}, {keyFIMMid, &s.fimMid},
		{keyFIMPad, &s.fimPad}, {keyFIMRep, &s.fimRep}, {keyFIMSep, &s.fimSep},
		{keyPrefixOld, &s.fimPre}, {keySuffixOld, &s.fimSuf}, {keyMiddleOld, &s.fimMid},
	}
}

// load drops defaults outside a vocabulary of n tokens and applies the ids
// the metadata gives (ignoring out-of-range ones, as llama.cpp does).
func (s *specialIDs) load(md Metadata, n int) {
	for _, sl := range s.slots() {
		if *sl.id >= int32(n) {
			*sl.id = NoToken
		}
		if u, ok := md.Uint(sl.key); ok && u < uint64(n) {
			*sl.id = int32(u)
		}
	}
}

// Token texts llama.cpp recognises roles by when the metadata does not name
// them (llama-vocab.cpp, "auto-detect special tokens by text").
var (
	eotTexts = []string{"<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>",
		"<|endoftext|>", "<|end_of_text|>", "<EOT>", "_<EOT>", "[EOT]",
		"<｜end▁of▁sentence｜>", "<end_of_utterance>"}
	eomTexts    = []string{"<|eom_id|>"}
	fimPreTexts = []string{"<|fim_prefix|>", "<fim-prefix>", "<fim_prefix>",
		"<｜fim▁begin｜>", "<PRE>", "▁<PRE>", "<|code_prefix|>", "<|prefix|>"}
	fimSufTexts = []string{"<|fim_suffix|>", "<fim-suffix>", "<fim_suffix>",
		"<｜fim▁hole｜>", "<SUF>", "▁<SUF>", "<|code_suffix|>", "<|suffix|>"}
	fimMidTexts = []string{"<|fim_middle|>", "<fim-middle>", "<fim_middle>",
		"<｜fim▁end｜>", "<MID>", "▁<MID>", "<|code_middle|>", "<|middle|>"}
	fimPadTexts = []string{"<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>", "[PAD]"}
	fimRepTexts = []string{"<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>", "<reponame>"}
	fimSepTexts = []string{"<|file_sep|>"}
	eogTexts    = []string{"<|eot_id|>", "<|im_end|>", "<|end|>", "<|return|>",
		"<|call|>", "<|flush|>", "<|calls|>", "<end_of_turn>", "<|endoftext|>",
		"</s>", "<|eom_id|>", "<EOT>", "_<EOT>", "[EOT]", "[EOS]",
		"<|end_of_text|>", "<end_of_utterance>", "<eos>", "<turn|>",
		"<|tool_response>", "<｜end▁of▁sentence｜>", "[e~["}
	alwaysShownTexts = []string{"<|channel|>", "<|message|>", "<|start|>", "<|constrain|>"}
)

// detectRoles fills unset roles from token texts and marks the tokens found
// as control tokens. llama.cpp walks its hash map of tokens and takes the
// first candidate in the map's order; this takes the first in the order of
// the candidate list, which agrees whenever a vocabulary holds one candidate
// per role, prefers the chat-turn token ("<|end|>", "<|im_end|>") over
// "<|endoftext|>", and agrees with llama.cpp for Phi-3, which holds both.
func (t *Tokenizer) detectRoles() {
	roles := []struct {
		id    *int32
		texts []string
	}{
		{&t.sp.eot, eotTexts}, {&t.sp.eom, eomTexts},
		{&t.sp.fimPre, fimPreTexts}, {&t.sp.fimSuf, fimSufTexts},
		{&t.sp.fimMid, fimMidTexts}, {&t.sp.fimPad, fimPadTexts},
		{&t.sp.fimRep, fimRepTexts}, {&t.sp.fimSep, fimSepTexts},
	}
	for _, r := range roles {
		if *r.id != NoToken {
			continue
		}
		if id, ok := t.firstOf(r.texts); ok {
			*r.id = id
			t.v.attrs[id] |= attrControl
		}
	}
}

// firstOf returns the id of the first of texts that is a token.
func (t *Tokenizer) firstOf(texts []string) (int32, bool) {
	for _, s := range texts {
		if id, ok := t.v.lookup(s); ok {
			return id, true
		}
	}
	return NoToken, false
}

// markUnused flags control tokens whose text says "unused".
func (t *Tokenizer) markUnused() {
	for id, a := range t.v.attrs {
		if a&attrControl != 0 && strings.Contains(t.v.texts[id], "unused") {
			t.v.attrs[id] |= attrUnused
		}
	}
}

// collectEOG builds the set of end-of-generation tokens.
func (t *Tokenizer) collectEOG() {
	t.eog = make(map[int32]bool)
	for _, id := range []int32{t.sp.fimPad, t.sp.fimRep, t.sp.fimSep} {
		if id != NoToken {
			t.eog[id] = true
		}
	}
	for _, s := range eogTexts {
		if id, ok := t.v.lookup(s); ok {
			t.eog[id] = true
			t.v.attrs[id] |= attrControl
		}
	}
	for _, s := range alwaysShownTexts {
		if id, ok := t.v.lookup(s); ok {
			t.v.attrs[id] = attrUserDefined
		}
	}
	for _, id := range []int32{t.sp.eos, t.sp.eot, t.sp.eom} {
		if id != NoToken {
			t.eog[id] = true
		}
	}
	calls := t.hasEOG("<|call|>") || t.hasEOG("<|calls|>")
	t.dropEOG("<|end|>", calls && (t.hasEOG("<|return|>") || t.hasEOG("<|flush|>")), attrUserDefined)
	t.dropEOG("</s>", t.hasEOG("<|tool_response>"), attrNormal)
}

// hasEOG reports whether the token with this text is an end-of-generation
// token.
func (t *Tokenizer) hasEOG(text string) bool {
	id, ok := t.v.lookup(text)
	return ok && t.eog[id]
}

// dropEOG removes the token with this text from the end-of-generation set
// when cond holds and gives it attribute a: llama.cpp's workarounds for
// o200k_harmony ("<|end|>" is not final there) and Gemma 4 ("</s>").
func (t *Tokenizer) dropEOG(text string, cond bool, a attr) {
	if id, ok := t.v.lookup(text); ok && cond && t.eog[id] {
		delete(t.eog, id)
		t.v.attrs[id] = a
	}
}
