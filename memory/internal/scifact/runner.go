package scifact

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
)

// Hit is one result of `hearth docs search --json`.
type Hit struct {
	Path     string          `json:"path"`
	Score    float64         `json:"score"`
	Snippet  string          `json:"snippet"`
	Location json.RawMessage `json:"location"`
}

// Runner drives a hearth binary with its own HEARTH_HOME.
type Runner struct {
	Bin        string   // path to the hearth binary
	Home       string   // HEARTH_HOME for every call
	Passphrase string   // HEARTH_PASSPHRASE for every call
	Extra      []string // flags added to both `docs add` and `docs search`, e.g. --model PATH
	Env        []string // base environment; the two variables above are appended
}

// command builds one hearth call with the runner's environment.
func (r *Runner) command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, r.Bin, args...)
	cmd.Env = append(append([]string{}, r.Env...), "HEARTH_HOME="+r.Home, "HEARTH_PASSPHRASE="+r.Passphrase)
	return cmd
}

// Add runs `hearth docs add dir`, its output going to log.
func (r *Runner) Add(ctx context.Context, dir string, log io.Writer) error {
	cmd := r.command(ctx, append([]string{"docs", "add"}, append(r.Extra, dir)...)...)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("scifact: hearth docs add: %w", err)
	}
	return nil
}

// Search runs every query through one `hearth docs search --k k --json
// --stdin` process, one query a line in and one JSON array a line out,
// and returns the ranked document ids per query id: results mapped back
// with IDFromPath, a document's later chunks dropped after its first.
func (r *Runner) Search(ctx context.Context, queries []Query, k int, stderr io.Writer) (map[string][]string, error) {
	args := append([]string{"docs", "search", "--k", strconv.Itoa(k), "--json", "--stdin"}, r.Extra...)
	cmd := r.command(ctx, args...)
	cmd.Stderr = stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("scifact: hearth docs search: %w", err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("scifact: hearth docs search: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("scifact: hearth docs search: %w", err)
	}
	go writeQueries(in, queries)
	runs, readErr := readResults(out, queries)
	waitErr := cmd.Wait()
	if err := errors.Join(readErr, waitErr); err != nil {
		return nil, fmt.Errorf("scifact: hearth docs search: %w", err)
	}
	return runs, nil
}

// writeQueries writes one query a line, newlines inside a query turned
// into spaces, then closes w.
func writeQueries(w io.WriteCloser, queries []Query) {
	bw := bufio.NewWriter(w)
	for _, q := range queries {
		bw.WriteString(strings.Join(strings.Fields(q.Text), " ") + "\n")
	}
	bw.Flush()
	w.Close()
}

// readResults reads one JSON array a line, the i-th answering queries[i].
func readResults(r io.Reader, queries []Query) (map[string][]string, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	runs := make(map[string][]string, len(queries))
	i := 0
	for ; sc.Scan(); i++ {
		if i >= len(queries) {
			return nil, fmt.Errorf("more result lines than the %d queries", len(queries))
		}
		var hits []Hit
		if err := json.Unmarshal(sc.Bytes(), &hits); err != nil {
			return nil, fmt.Errorf("result line %d: %w", i+1, err)
		}
		runs[queries[i].ID] = rankedIDs(hits)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if i != len(queries) {
		return nil, fmt.Errorf("%d result lines for %d queries", i, len(queries))
	}
	return runs, nil
}

// rankedIDs maps hits to document ids in order, keeping each id once and
// skipping paths that are not corpus files.
func rankedIDs(hits []Hit) []string {
	seen := map[string]bool{}
	var ids []string
	for _, h := range hits {
		if id, ok := IDFromPath(h.Path); ok && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids
}
