package chattemplate_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/chattemplate"
)

// hostile renders src and returns its error, failing the test when the
// rendering takes over 5 s or allocates over 1 GiB in all.
func hostile(t *testing.T, ctx context.Context, src string) error {
	t.Helper()
	tpl, err := chattemplate.Parse(src)
	if err != nil {
		return err
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	done := make(chan error, 1)
	go func() {
		_, err := tpl.RenderContext(ctx, chattemplate.Input{Messages: []engine.Message{{Role: "user", Content: "hi"}}})
		done <- err
	}()
	select {
	case err = <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("rendering still runs after 5 s")
	}
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<30 {
		t.Errorf("rendering allocated %d MiB", alloc>>20)
	}
	t.Logf("%v in %v", err, time.Since(start))
	return err
}

// TestHostileTemplates renders templates built to hang, recurse without
// end or exhaust memory. Each fails, in bounded time and memory, with one
// sentence.
func TestHostileTemplates(t *testing.T) {
	tests := []struct{ name, src string }{
		{"range of a billion", `{% for i in range(1000000000) %}{% endfor %}`},
		{"range of 10**9", `{% for i in range((10**9)|int) %}x{% endfor %}`},
		{"deep macro recursion", `{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}`},
		{"mutual macro recursion", `{% macro a() %}{{ b() }}{% endmacro %}{% macro b() %}{{ a() }}{% endmacro %}{{ a() }}`},
		{"endless recursive loop", `{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}`},
		{"huge string multiplication", `{{ 'a' * 10000000000 }}`},
		{"huge string multiplication by a power", `{{ 'a' * (10**10)|int }}`},
		{"string doubling", `{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}`},
		{"string doubling with tilde", `{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}`},
		{"nested loops of output", `{% for i in range(100000) %}{% for j in range(100000) %}0123456789abcdef{% endfor %}{% endfor %}`},
		{"loop of large outputs", `{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}`},
		{"output in a macro", `{% macro m() %}{% for i in range(200000) %}{{ 'x' * 4000 }}{% endfor %}{% endmacro %}{% set y = m() %}`},
		{"shared list bomb", `{% set a = ['xxxxxxxxxxxxxxxx'] * 1 %}{% set a = ['x' * 1000000] %}{% set b = [a, a, a, a, a, a, a, a] %}{% set c = [b, b, b, b, b, b, b, b] %}{% set d = [c, c, c, c, c, c, c, c] %}{{ d }}`},
		{"shared list bomb to json", `{% set a = ['x' * 1000000] %}{% set b = [a, a, a, a, a, a, a, a] %}{% set c = [b, b, b, b, b, b, b, b] %}{{ c|tojson }}`},
		{"shared list bomb joined", `{% set a = ['x' * 4000000, 'y' * 4000000] %}{% set b = a + a + a + a %}{{ b|join(',') }}`},
		{"center filter", `{{ 'a'|center(1000000000) }}`},
		{"center in a filter block", `{% filter center(1000000000) %}x{% endfilter %}`},
		{"indent of many lines", `{{ ('\n' * 1000000)|indent(1000) }}`},
		{"center method", `{{ 'a'.center(1000000000) }}`},
		{"zfill method", `{{ 'a'.zfill(1000000000) }}`},
		{"replace growth", `{% set s = 'a' * 1000000 %}{{ s.replace('', 'bbbbbbbbbbbbbbbb') }}`},
		{"replace filter growth", `{{ ('a' * 1000000)|replace('a', 'bbbbbbbbbbbbbbbb') }}`},
		{"format width", `{{ '%1000000d%1000000d%1000000d%1000000d%1000000d%1000000d%1000000d%1000000d%1000000d'|format(1,2,3,4,5,6,7,8,9) }}`},
		{"format fields", `{% set f = '{0}' * 100000 %}{{ f.format('x' * 1000) }}`},
		{"join separator", `{{ ('x' * 100000)|list|join('y' * 1000) }}`},
		{"batch fill", `{{ [1]|batch(1000000000, 0)|list|length }}`},
		{"endless loop of steps", `{% for i in range(250000) %}{% for j in range(250000) %}{% endfor %}{% endfor %}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := hostile(t, context.Background(), tt.src)
			if err == nil {
				t.Fatal("rendered")
			}
			if !errors.Is(err, chattemplate.ErrTemplate) {
				t.Errorf("error %v does not wrap ErrTemplate", err)
			}
			msg := err.Error()
			if strings.ContainsAny(msg, "\n") || strings.Contains(msg, "goroutine") || len(msg) > 300 {
				t.Errorf("error is not one sentence: %q", msg)
			}
		})
	}
}

// TestHostileLimitsAreLimitErrors checks that the caps report ErrLimit.
func TestHostileLimitsAreLimitErrors(t *testing.T) {
	for _, src := range []string{
		`{% for i in range(1000000000) %}{% endfor %}`,
		`{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}`,
		`{{ 'a' * 10000000000 }}`,
		`{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}`,
		`{{ 'a'.center(1000000000) }}`,
	} {
		if err := hostile(t, context.Background(), src); !errors.Is(err, chattemplate.ErrLimit) {
			t.Errorf("%s: error %v, want ErrLimit", src, err)
		}
	}
}

// TestRangeLeavesNoGoroutine renders ranges that are never read to their
// end; gonja's own range left a goroutine behind for each.
func TestRangeLeavesNoGoroutine(t *testing.T) {
	tpl, err := chattemplate.Parse(`{% for i in range(1000) %}{% set r = range(10) %}{% endfor %}{{ range(5)|first }}`)
	if err != nil {
		t.Fatal(err)
	}
	before := runtime.NumGoroutine()
	if _, err := tpl.Render(chattemplate.Input{}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * time.Millisecond)
	if after := runtime.NumGoroutine(); after > before+2 {
		t.Errorf("%d goroutines before rendering, %d after", before, after)
	}
}

// TestHarmlessOddities renders what gonja already keeps small: a list times
// a number, a string times a float power, a negative repeat.
func TestHarmlessOddities(t *testing.T) {
	tests := []struct{ src, want string }{
		{`{% set x = [1, 2, 3] %}{{ (x * 999999999)|string|length < 100 }}`, "True"},
		{`{{ ('a' * 10**10)|string|length < 100 }}`, "True"},
		{`{{ 'ab' * 3 }}|{{ 'ab' * -1 }}|{{ 2 * 3 }}|{{ 1.5 * 2 }}`, "ababab||6|3.0"},
		{`{{ range(3)|list }}|{{ range(1, 7, 2)|list }}|{{ range(3, 0, -1)|list }}`, "[0, 1, 2]|[1, 3, 5]|[3, 2, 1]"},
		{`{{ 'a'|center(5) }}|{{ 'x'.zfill(3) }}|{{ 'a-b'|replace('-', '+') }}|{{ ['a', 'b']|join(', ') }}`, "  a  |00x|a+b|a, b"},
	}
	for _, tt := range tests {
		tpl, err := chattemplate.Parse(tt.src)
		if err != nil {
			t.Fatalf("%s: %v", tt.src, err)
		}
		got, err := tpl.Render(chattemplate.Input{})
		if err != nil || got != tt.want {
			t.Errorf("%s = %q, %v; want %q", tt.src, got, err, tt.want)
		}
	}
}

// slowTemplate would run for minutes within its step budget: each step
// searches a 400 kB string for a needle longer than the 64 bytes the SIMD
// substring search takes, so the search walks it byte by byte (milliseconds
// a step on any machine; a one-byte needle is found by memchr so fast that a
// quick machine spent the step budget before the time limit).
const slowTemplate = `{% set s = 'a' * 400000 %}{% set n = 'a' * 100 ~ 'b' %}{% for i in range(250000) %}{% if n in s %}b{% endif %}{% endfor %}`

// TestRenderStops checks that cancelling the context stops a long
// rendering promptly, with the context's error.
func TestRenderStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	err := hostile(t, ctx, slowTemplate)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	// The error already says the cancellation stopped it (the time limit
	// would give a limit error); the wall-clock bound is loose because the
	// shared test machine can be slow, yet far below the minute the
	// template would otherwise run.
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("stopped after %v", d)
	}
	cancelled, stop := context.WithCancel(context.Background())
	stop()
	if err := hostile(t, cancelled, `{{ 'never' }}`); !errors.Is(err, context.Canceled) {
		t.Errorf("rendering with a cancelled context: %v", err)
	}
}

// TestRenderTimeLimit checks MaxTime without a context deadline.
func TestRenderTimeLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("takes MaxTime")
	}
	start := time.Now()
	err := hostile(t, context.Background(), slowTemplate)
	if !errors.Is(err, chattemplate.ErrLimit) || !strings.Contains(err.Error(), "time limit") {
		t.Fatalf("error %v, want the time limit", err)
	}
	if d := time.Since(start); d < chattemplate.MaxTime || d > chattemplate.MaxTime+time.Second {
		t.Errorf("stopped after %v, want about %v", d, chattemplate.MaxTime)
	}
}

// TestDeepNestingRefused parses templates whose nesting would overflow the
// parser's stack, which kills the process: each is refused with ErrLimit
// and one short sentence.
func TestDeepNestingRefused(t *testing.T) {
	tests := []struct{ name, src string }{
		{"parentheses", "{{ " + strings.Repeat("(", 200000) + "1" + strings.Repeat(")", 200000) + " }}"},
		{"brackets", "{{ " + strings.Repeat("[", 200000) + " }}"},
		{"nots", "{{ " + strings.Repeat("not ", 100000) + "1 }}"},
		{"minuses", "{{ " + strings.Repeat("-", 100000) + "1 }}"},
		{"filters", "{{ 1" + strings.Repeat("|e", 100000) + " }}"},
		{"ifs", strings.Repeat("{% if a %}", 20000) + strings.Repeat("{% endif %}", 20000)},
		{"fors", strings.Repeat("{% for a in b %}", 50000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := chattemplate.Parse(tt.src)
			if !errors.Is(err, chattemplate.ErrLimit) || !errors.Is(err, chattemplate.ErrTemplate) {
				t.Fatalf("Parse: %v, want ErrLimit", err)
			}
			if len(err.Error()) > 200 {
				t.Errorf("error is not one short sentence: %.300q", err)
			}
		})
	}
	ok := strings.Repeat("{% if a %}", 50) + "x" + strings.Repeat("{% endif %}", 50)
	if _, err := chattemplate.Parse(ok); err != nil {
		t.Errorf("50 nested ifs: %v", err)
	}
	if _, err := chattemplate.Parse(strings.Repeat("{% if a %}", 60)); err == nil || len(err.Error()) > 400 {
		t.Errorf("unclosed ifs: %.500v, want a short parse error", err)
	}
}

// TestLexerTraps parses what sends gonja's lexer into an endless loop
// ({{ 5.⩀ }}) or a panic: each fails with one sentence, and a number before
// a two-byte character or inside a string still parses.
func TestLexerTraps(t *testing.T) {
	for _, src := range []string{"{{ 5.⩀ }}", "{{ 5.5.⩀ }}", "{% if 5.⩀ %}{% endif %}", "{%\xb35.⩀", "{{ 'x' ~ 1.\U0001F600 }}"} {
		done := make(chan error, 1)
		go func() { _, err := chattemplate.Parse(src); done <- err }()
		select {
		case err := <-done:
			if !errors.Is(err, chattemplate.ErrTemplate) || strings.Contains(err.Error(), "\n") {
				t.Errorf("Parse(%q): %v", src, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Parse(%q) still runs after 5 s", src)
		}
	}
	for _, src := range []string{"{{ '5.⩀' }}", "1.⩀ in the text {{ 2 }}"} {
		if _, err := chattemplate.Parse(src); err != nil {
			t.Errorf("Parse(%q): %v", src, err)
		}
	}
}

// TestConcurrentRendersKeepTheirOwnLimits renders one template from many
// goroutines, some with hostile input that trips a limit: each rendering
// has its own guard, so the others still render.
func TestConcurrentRendersKeepTheirOwnLimits(t *testing.T) {
	tpl, err := chattemplate.Parse(`{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{% endif %}.{% endmacro %}{{ f(depth) }}{% for m in messages %}{{ m.content }}{% endfor %}`)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			deep := i%2 == 0
			depth := 10
			if deep {
				depth = 1000
			}
			out, err := tpl.Render(chattemplate.Input{Messages: []engine.Message{{Role: "user", Content: "hi"}}, Vars: map[string]any{"depth": depth}})
			switch {
			case deep && !errors.Is(err, chattemplate.ErrLimit):
				errs <- fmt.Errorf("deep rendering: %v, want ErrLimit", err)
			case !deep && (err != nil || out != strings.Repeat(".", 11)+"hi"):
				errs <- fmt.Errorf("shallow rendering: %q, %v", out, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
