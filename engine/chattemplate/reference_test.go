package chattemplate_test

import (
	"testing"

	"github.com/hearth-app/hearth/engine/internal/jinjaref"
)

// refCase is one rendering for the reference engine.
type refCase = jinjaref.Case

// refResult is the reference engine's output or error.
type refResult = jinjaref.Result

// renderReference renders cases with @huggingface/jinja (the Jinja engine of
// transformers.js) through testdata/jinjaref/render.mjs. It skips the test
// when node or the package is missing, unless HEARTH_REQUIRE_REFERENCE is set.
func renderReference(t *testing.T, cases []refCase) []refResult {
	t.Helper()
	return jinjaref.Render(t, cases)
}
