package tokenizer

// Metadata is the key/value store a tokenizer is read from. *gguf.File
// satisfies it; tests use a map.
type Metadata interface {
	// String returns a string value.
	String(key string) (string, bool)
	// Uint returns a non-negative integer value.
	Uint(key string) (uint64, bool)
	// Bool returns a boolean value.
	Bool(key string) (bool, bool)
	// Strings returns an array of strings.
	Strings(key string) ([]string, bool)
	// Ints returns an array of integers.
	Ints(key string) ([]int64, bool)
	// Floats returns an array of numbers.
	Floats(key string) ([]float32, bool)
}

// GGUF metadata keys read by New.
const (
	keyModel        = "tokenizer.ggml.model"
	keyPre          = "tokenizer.ggml.pre"
	keyTokens       = "tokenizer.ggml.tokens"
	keyTypes        = "tokenizer.ggml.token_type"
	keyScores       = "tokenizer.ggml.scores"
	keyMerges       = "tokenizer.ggml.merges"
	keyBOS          = "tokenizer.ggml.bos_token_id"
	keyEOS          = "tokenizer.ggml.eos_token_id"
	keyEOT          = "tokenizer.ggml.eot_token_id"
	keyEOM          = "tokenizer.ggml.eom_token_id"
	keyUNK          = "tokenizer.ggml.unknown_token_id"
	keySEP          = "tokenizer.ggml.seperator_token_id" // sic, as llama.cpp spells it
	keyPAD          = "tokenizer.ggml.padding_token_id"
	keyMASK         = "tokenizer.ggml.mask_token_id"
	keyFIMPre       = "tokenizer.ggml.fim_pre_token_id"
	keyFIMSuf       = "tokenizer.ggml.fim_suf_token_id"
	keyFIMMid       = "tokenizer.ggml.fim_mid_token_id"
	keyFIMPad       = "tokenizer.ggml.fim_pad_token_id"
	keyFIMRep       = "tokenizer.ggml.fim_rep_token_id"
	keyFIMSep       = "tokenizer.ggml.fim_sep_token_id"
	keyPrefixOld    = "tokenizer.ggml.prefix_token_id"
	keySuffixOld    = "tokenizer.ggml.suffix_token_id"
	keyMiddleOld    = "tokenizer.ggml.middle_token_id"
	keyAddBOS       = "tokenizer.ggml.add_bos_token"
	keyAddEOS       = "tokenizer.ggml.add_eos_token"
	keyAddSpace     = "tokenizer.ggml.add_space_prefix"
	keyLowercase    = "tokenizer.ggml.normalizer.lowercase"
	keyStripAccents = "tokenizer.ggml.normalizer.strip_accents"
	keyGeneralName  = "general.name"
	keyGeneralArch  = "general.architecture"
)
