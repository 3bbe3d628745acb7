// Package sample picks the next token from a model's logits: greedy
// (temperature 0: the highest logit, ties to the lowest id) or random with
// temperature, top-k, top-p, min-p and a repetition penalty over the last N
// tokens, drawn from a seeded generator so that a seed reproduces a run.
//
// The filters apply in llama.cpp's default order: repetition penalty, top-k,
// top-p, min-p, then temperature, so that the probability thresholds of top-p
// and min-p are measured on the model's own distribution.
package sample
