package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/app"
)

// run executes the CLI in-process.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	asNewProcess(func() {
		code = app.Run(context.Background(), args, app.IO{In: strings.NewReader(""), Out: &out, Err: &errb})
	})
	return code, out.String(), errb.String()
}

// asNewProcess runs f, a call of app.Run, as if it were a new hearth
// process started from the test's environment. Run takes the passphrase
// variables out of the environment; the next command, like a new process
// started by the same shell, gets them again.
func asNewProcess(f func()) {
	saved := map[string]string{}
	for _, name := range []string{"HEARTH_PASSPHRASE", "HEARTH_NEW_PASSPHRASE"} {
		if v, ok := os.LookupEnv(name); ok {
			saved[name] = v
		}
	}
	f()
	for name, v := range saved {
		os.Setenv(name, v)
	}
}

func TestCommandExitCodes(t *testing.T) {
	t.Setenv("HEARTH_HOME", t.TempDir())
	t.Setenv("OLLAMA_HOST", "127.0.0.1:9")
	tests := []struct {
		name    string
		args    []string
		code    int
		errPart string
	}{
		{"version", []string{"version"}, app.ExitOK, ""},
		{"doctor", []string{"doctor"}, app.ExitOK, ""},
		{"help", []string{"--help"}, app.ExitOK, ""},
		{"unknown command", []string{"frobnicate"}, app.ExitUsage, `unknown command "frobnicate"`},
		{"unknown flag", []string{"doctor", "--frob"}, app.ExitUsage, "unknown flag: --frob"},
		{"unknown root flag", []string{"--frob"}, app.ExitUsage, "unknown flag: --frob"},
		{"extra argument", []string{"version", "extra"}, app.ExitUsage, "takes 0 argument"},
		{"unknown plugins subcommand", []string{"plugins", "frob"}, app.ExitUsage, `unknown command "frob" for "hearth plugins"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit code %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if tt.errPart == "" {
				if stderr != "" {
					t.Fatalf("unexpected stderr %q", stderr)
				}
				return
			}
			if !strings.Contains(stderr, tt.errPart) {
				t.Fatalf("stderr %q does not mention %q", stderr, tt.errPart)
			}
			if n := strings.Count(stderr, "\n"); n != 1 || !strings.HasPrefix(stderr, "hearth: ") {
				t.Fatalf("want one line starting with \"hearth: \", got %q", stderr)
			}
		})
	}
}

func TestDoctorJSON(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HEARTH_HOME", home)
	t.Setenv("OLLAMA_HOST", "127.0.0.1:9")
	code, out, stderr := run(t, "doctor", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var r app.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("doctor --json is not JSON: %v\n%s", err, out)
	}
	if r.DataDir != home {
		t.Errorf("data dir %q, want HEARTH_HOME %q", r.DataDir, home)
	}
	if r.Cores < 1 || r.OS == "" || r.Arch == "" {
		t.Errorf("incomplete report: %+v", r)
	}
	if r.MemoryFree > 2<<30 && len(r.Recommended) == 0 {
		t.Errorf("no model recommended for %d bytes free", r.MemoryFree)
	}
	if r.Ollama.Running || r.Ollama.Host != "http://127.0.0.1:9" {
		t.Errorf("ollama at a closed port reported as %+v", r.Ollama)
	}
}

// TestBinary builds the real hearth binary (without the window's build tags)
// and checks exit codes and output as a user's shell sees them.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "hearth")
	build := exec.Command("go", "build", "-o", bin, "..")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"version"}, 0},
		{[]string{"nonsense"}, 2},
		{[]string{"doctor", "--nonsense"}, 2},
		{[]string{"chat"}, 2},       // --model missing
		{[]string{"ask", "why"}, 1}, // no passphrase and no terminal: the store stays shut
		{nil, 1},                    // no window in a tagless build: says so, exits non-zero
	}
	for _, tt := range tests {
		cmd := exec.Command(bin, tt.args...)
		cmd.Env = append(os.Environ(), "HEARTH_HOME="+t.TempDir(), "OLLAMA_HOST=127.0.0.1:9")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		if code != tt.code {
			t.Errorf("hearth %v: exit %d, want %d (stderr %q)", tt.args, code, tt.code, stderr.String())
		}
		if code != 0 && (strings.Count(stderr.String(), "\n") != 1 || strings.Contains(stderr.String(), "goroutine")) {
			t.Errorf("hearth %v: want a one-line error, got %q", tt.args, stderr.String())
		}
	}
}

// setHome points HEARTH_HOME at dir and unlocks (or creates) the store there
// with a test passphrase.
func setHome(t *testing.T, dir string) {
	t.Helper()
	t.Setenv("HEARTH_HOME", dir)
	t.Setenv("HEARTH_PASSPHRASE", "test passphrase")
}

// expectFailure runs hearth with args and requires exit code code and a
// single line of error that mentions part.
func expectFailure(t *testing.T, args []string, code int, part string) {
	t.Helper()
	got, _, stderr := run(t, args...)
	if got != code || !strings.Contains(stderr, part) || strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "hearth: ") {
		t.Fatalf("hearth %v: exit %d, stderr %q; want exit %d and one line mentioning %q", args, got, stderr, code, part)
	}
}
