package model

import (
	"errors"
	"fmt"

	"github.com/hearth-app/hearth/engine"
)

// ErrInvalid is wrapped by every error about a model file whose metadata or
// tensors are inconsistent (zero heads, a missing tensor, a wrong shape).
var ErrInvalid = errors.New("invalid model")

func invalidf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}

func unsupportedf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{engine.ErrUnsupported}, args...)...)
}
