// Package embedded is Hearth's own inference engine behind engine.Backend:
// it loads a GGUF model with its tokenizer and chat template, renders chats,
// and streams generated text, in pure Go.
//
// A Model is one loaded file. Generate turns an engine.Request into tokens
// (a raw prompt with BOS as the vocabulary asks, or the messages rendered by
// the model's chat template with its special tokens parsed), evaluates them,
// and streams the answer until an end-of-generation token, a stop string,
// Options.MaxTokens or the end of the context.
//
// Decisions worth knowing:
//
//   - The KV cache of the previous request is kept: a request sharing a
//     prefix with it (a continued chat) evaluates only the new tokens, and
//     Stats.CachedTokens says how many were reused.
//   - A prompt that does not leave room for one generated token fails with
//     engine.ErrContextFull. Generation that reaches the end of the context
//     stops with StopReason "length"; nothing is silently dropped or shifted.
//   - Stop strings are matched on the decoded text across token boundaries;
//     text that might be the start of a stop string is held back until it
//     cannot be, and the stop string itself is never emitted.
//   - Options.Seed 0 means a fresh random seed; any other seed reproduces a
//     sampled answer. Temperature 0 is greedy decoding, as llama.cpp does it.
//   - Cancelling the context stops generation between tokens (or between
//     prompt batches); the last chunk then has StopReason "cancelled" and
//     comes with ctx.Err().
//   - A request that offers tools gets its calls parsed out of the stream
//     in the format the chat template teaches (toolcall.Detect), a started
//     call constrained to the tool's schema. A template that reads tools
//     only from the system message (Phi-4-mini) gets them there as a JSON
//     string, and earlier calls written back into the assistant's text
//     (systemtools.go).
//   - One generation runs at a time per Model; others wait.
//   - Embed computes unit-length vectors with an embedding model (bert,
//     nomic-bert, or a decoder with a pooling type such as Qwen3-Embedding),
//     several texts per pass. A text longer than the context is refused
//     (engine.ErrContextFull) unless the caller asks to truncate it or to
//     split it (the mean of its parts). Embedding models cannot generate.
package embedded
