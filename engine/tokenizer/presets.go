package tokenizer

// preset is what a tokenizer.ggml.pre name selects for a BPE vocabulary:
// the pre-tokenizer and the switches llama.cpp sets with it.
type preset struct {
	pipeline
	keepSpaces   bool // no clean-up of spaces in Decode
	ignoreMerges bool // a pre-token that is a token is not merged
	addBOS       bool // default of add_bos_token
	noBOS        bool // the vocabulary has no BOS token
}

// The pre-tokenizers, after the regex lists of llama.cpp's llama-vocab.cpp.
var (
	gpt2Split    = scanner{gpt2Piece}
	llama3Split  = pipeline{scanner{llama3Piece(3)}}
	qwen2Split   = pipeline{scanner{llama3Piece(1)}}
	gpt4oSplit   = pipeline{scanner{gpt4oPiece}}
	gpt2Pipeline = pipeline{gpt2Split}
	// "[\p{P}\$\+<=>\^~\|]+", gpt2, "\p{N}+", "[0-9][0-9][0-9]"
	defaultSplit = pipeline{
		matcher{in: punctOr("$+<=>^~|")}, gpt2Split,
		matcher{in: isNumberClass}, digitTriples{},
	}
	// "[\p{P}\$\+<=>\^~\|`]+", gpt2, "[0-9][0-9][0-9]"
	falconSplit = pipeline{matcher{in: punctOr("$+<=>^~|`")}, gpt2Split, digitTriples{}}
	// "\p{N}", gpt2
	starcoderSplit = pipeline{matcher{in: isNumberClass, single: true}, gpt2Split}
	// "[\r\n]", "\s?[A-Za-zµÀ-Ö...]+", "\s?[!-/:-~！-／：-～‘-‟　-。]+", "\s+$",
	// "[一-龥ࠀ-一가-퟿]+", "\p{N}+"
	deepseekLLMSplit = pipeline{
		matcher{in: isLineBreak, single: true},
		matcher{pre: wsPrefix, in: inRanges(deepseekLetters)},
		matcher{pre: wsPrefix, in: inRanges(deepseekPunct)},
		trailingSpace{},
		matcher{in: inRanges(cjkRanges)},
		matcher{in: isNumberClass},
	}
	// "[\r\n]", "\s?\p{L}+", "\s?\p{P}+", "[一-龥ࠀ-一가-퟿]+", "\p{N}"
	deepseekCoderSplit = pipeline{
		matcher{in: isLineBreak, single: true},
		matcher{pre: wsPrefix, in: isLetterClass},
		matcher{pre: wsPrefix, in: isPunctClass},
		matcher{in: inRanges(cjkRanges)},
		matcher{in: isNumberClass, single: true},
	}
	// " ?[^(\s|.,!?…。，、।۔،)]+"
	bloomSplit  = pipeline{matcher{pre: spacePrefix, in: notIn("(|.,!?…。，、।۔،)")}}
	vikingSplit = pipeline{bloomSplit[0], matcher{in: isNumberClass, single: true}}
)

// presetFor returns the preset of a pre-tokenizer name, as llama.cpp's
// vocabulary loader maps names to types and flags.
func presetFor(name string) (preset, bool) {
	switch name {
	case "", "default":
		return preset{pipeline: defaultSplit}, true
	case "llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1", "pixtral",
		"midm-2.0", "lfm2", "jina-v5-nano":
		return preset{pipeline: llama3Split, ignoreMerges: true, addBOS: true}, true
	case "dbrx", "smaug-bpe":
		return preset{pipeline: llama3Split}, true
	case "glm4", "chatglm-bpe":
		return preset{pipeline: llama3Split, noBOS: true}, true
	case "qwen2", "deepseek-r1-qwen", "kormo", "f2llmv2", "hunyuan", "solar-open", "grok-2":
		return preset{pipeline: qwen2Split, keepSpaces: true}, true
	case "stablelm2", "megrez":
		return preset{pipeline: qwen2Split}, true
	case "gpt-2", "phi-2", "jina-es", "jina-de", "gigachat", "jina-v2-es", "jina-v2-de",
		"a.x-4.0", "mellum", "modern-bert", "jina-v1-en", "jina-v2-code", "roberta-bpe",
		"mpt", "olmo", "jais", "exaone4":
		return preset{pipeline: gpt2Pipeline}, true
	case "trillion", "granite-docling":
		return preset{pipeline: gpt2Pipeline, keepSpaces: true}, true
	case "starcoder", "refact", "codeshell", "exaone", "minerva-7b", "mellum2":
		return preset{pipeline: starcoderSplit}, true
	case "command-r", "smollm":
		return preset{pipeline: starcoderSplit, keepSpaces: true}, true
	case "gpt-4o", "llama4", "kanana2", "talkie", "minimax-m2":
		return preset{pipeline: gpt4oSplit, keepSpaces: true}, true
	case "falcon":
		return preset{pipeline: falconSplit}, true
	case "deepseek-llm":
		return preset{pipeline: deepseekLLMSplit, keepSpaces: true}, true
	case "deepseek-coder":
		return preset{pipeline: deepseekCoderSplit, keepSpaces: true}, true
	case "bloom", "gpt3-finnish":
		return preset{pipeline: bloomSplit}, true
	case "poro-chat":
		return preset{pipeline: bloomSplit, keepSpaces: true}, true
	case "viking":
		return preset{pipeline: vikingSplit, keepSpaces: true}, true
	}
	return preset{}, false
}

// deepseekLetters is the letter class of DeepSeek LLM's pre-tokenizer.
var deepseekLetters = []runeRange{
	{0x41, 0x5A}, {0x61, 0x7A}, {0xB5, 0xB5}, {0xC0, 0xD6}, {0xD8, 0xF6},
	{0xF8, 0x1BA}, {0x1BC, 0x1BF}, {0x1C4, 0x293}, {0x295, 0x2AF}, {0x370, 0x373},
	{0x376, 0x377}, {0x37B, 0x37D}, {0x37F, 0x37F}, {0x386, 0x386}, {0x388, 0x38A},
	{0x38C, 0x38C}, {0x38E, 0x3A1}, {0x3A3, 0x3F5}, {0x3F7, 0x481}, {0x48A, 0x52F},
	{0x531, 0x556}, {0x10A0, 0x10C5}, {0x13A0, 0x13F5}, {0x13F8, 0x13FD}, {0x1C90, 0x1CBA},
	{0x1CBD, 0x1CBF}, {0x1D00, 0x1D2B}, {0x1D6B, 0x1D77}, {0x1D79, 0x1D9A}, {0x1E00, 0x1F15},
	{0x1F18, 0x1F1D}, {0x1F20, 0x1F45}, {0x1F48, 0x1F4D}, {0x1F50, 0x1F57}, {0x1F59, 0x1F59},
	{0x1F5B, 0x1F5B}, {0x1F5D, 0x1F5D}, {0x1F5F, 0x1F7D}, {0x1F80, 0x1FB4}, {0x1FB6, 0x1FBC},
	{0x1FBE, 0x1FBE}, {0x1FC2, 0x1FC4}, {0x1FC6, 0x1FCC}, {0x1FD0, 0x1FD3}, {0x1FD6, 0x1FDB},
	{0x1FE0, 0x1FEC}, {0x1FF2, 0x1FF4}, {0x1FF6, 0x1FFC}, {0x2102, 0x2102}, {0x2107, 0x2107},
	{0x210A, 0x2113}, {0x2115, 0x2115}, {0x2119, 0x211D}, {0x2124, 0x2124}, {0x2126, 0x2126},
	{0x2128, 0x2128}, {0x212A, 0x212D}, {0x212F, 0x2134}, {0x2139, 0x2139}, {0x213C, 0x213F},
	{0x2145, 0x2149}, {0x214E, 0x214E}, {0x2183, 0x2184}, {0x2C00, 0x2C7B}, {0x2C7E, 0x2CE4},
	{0x2CEB, 0x2CEE}, {0x2CF2, 0x2CF3}, {0xA640, 0xA66D}, {0xA680, 0xA69B}, {0xA722, 0xA76F},
	{0xA771, 0xA787}, {0xA78B, 0xA78E}, {0xAB70, 0xABBF}, {0xFB00, 0xFB06}, {0xFB13, 0xFB17},
	{0xFF21, 0xFF3A}, {0xFF41, 0xFF5A}, {0x10400, 0x1044F}, {0x104B0, 0x104D3}, {0x104D8, 0x104FB},
	{0x10C80, 0x10CB2}, {0x10CC0, 0x10CF2}, {0x118A0, 0x118DF}, {0x1E900, 0x1E943},
}

// deepseekPunct is the punctuation class of DeepSeek LLM's pre-tokenizer:
// !-/ :-~ ！-／ ：-～ ‘-‟ 　-。
var deepseekPunct = []runeRange{
	{0x21, 0x2F}, {0x3A, 0x7E}, {0xFF01, 0xFF0F}, {0xFF1A, 0xFF5E}, {0x2018, 0x201F}, {0x3000, 0x3002},
}

// cjkRanges is the ideograph class of the DeepSeek pre-tokenizers:
// 一-龥 ࠀ-一 가-퟿.
var cjkRanges = []runeRange{{0x4E00, 0x9FA5}, {0x800, 0x4E00}, {0xAC00, 0xD7FF}}
