package embedded_test

import "github.com/hearth-app/hearth/engine/gguf"

func ggufOpen(path string) (*gguf.File, error) { return gguf.Open(path) }
