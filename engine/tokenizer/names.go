package tokenizer

import "strings"

// applyNameAttrs gives tokens the space-stripping attributes llama.cpp
// assigns by model, pre-tokenizer or architecture name (the GGUF has no
// field for them).
func (t *Tokenizer) applyNameAttrs(md Metadata) {
	name, _ := md.String(keyGeneralName)
	name = asciiLower(name)
	pre, _ := md.String(keyPre)
	arch, _ := md.String(keyGeneralArch)
	switch {
	case containsAny(pre, "jina-v2-de", "jina-v2-es", "jina-v2-code"),
		containsAny(arch, "nomic-bert-moe", "jina-bert-v3"):
		t.setAttr("<mask>", attrLStrip, true)
	case containsAny(name, "phi-3", "phi3"):
		for _, id := range t.specials {
			t.v.attrs[id] |= attrRStrip
		}
		t.setAttr("</s>", attrRStrip, true)
		for _, s := range []string{"<unk>", "<s>", "<|endoftext|>"} {
			t.setAttr(s, attrRStrip, false)
		}
	case containsAny(name, "modern-bert"):
		t.setAttr("[MASK]", attrLStrip, true)
	}
}

// setAttr sets or clears attribute a of the token with this text, if any.
func (t *Tokenizer) setAttr(text string, a attr, on bool) {
	id, ok := t.v.lookup(text)
	if !ok {
		return
	}
	if on {
		t.v.attrs[id] |= a
	} else {
		t.v.attrs[id] &^= a
	}
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// asciiLower lower-cases ASCII letters only, like std::tolower in the C
// locale.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
