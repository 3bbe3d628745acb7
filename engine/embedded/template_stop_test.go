package embedded_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/modelgen"
)

// TestStopInterruptsTemplate gives a model a chat template that would run
// for a minute, and checks that cancelling the generation (Stop) ends the
// rendering within a second, with the context's error.
func TestStopInterruptsTemplate(t *testing.T) {
	slow := `{% set s = 'a' * 4000000 %}{% for i in range(250000) %}{% if 'b' in s %}b{% endif %}{% endfor %}`
	m := open(t, genModel(t, t.TempDir(), "m", func(s *modelgen.Spec) { s.ChatTemplate = slow }))
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	r := run(ctx, m, engine.Request{Messages: hello, Options: engine.Options{MaxTokens: 2}})
	if !errors.Is(r.err, context.Canceled) {
		t.Fatalf("generation with a slow template: %v, want context.Canceled", r.err)
	}
	// Canceled (not the template's own time limit) says Stop ended it; the
	// wall-clock bound is loose for a busy shared machine, yet far below the
	// minute the template would run.
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Stop took %v", d)
	}
}
