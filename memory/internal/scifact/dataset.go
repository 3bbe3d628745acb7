package scifact

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// maxLine bounds one line of a dataset file; SciFact's longest is ~10 KB.
const maxLine = 4 << 20

// Doc is one corpus entry: an abstract with its title.
type Doc struct {
	ID    string `json:"_id"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

// Query is one query.
type Query struct {
	ID   string `json:"_id"`
	Text string `json:"text"`
}

// Qrels maps a query id to its judged documents and their graded relevance.
type Qrels map[string]map[string]int

// Dataset is a BEIR dataset: corpus, queries and judgments.
type Dataset struct {
	Corpus  []Doc
	Queries []Query // only the queries that have judgments, in file order
	Qrels   Qrels
}

// Dir returns the SciFact folder: $HEARTH_TESTDATA/scifact, or
// ../shared/testdata/scifact relative to root (the repository root).
func Dir(root string) string {
	if td := os.Getenv("HEARTH_TESTDATA"); td != "" {
		return filepath.Join(td, "scifact")
	}
	return filepath.Join(root, "..", "shared", "testdata", "scifact")
}

// Load reads corpus.jsonl, queries.jsonl and qrels/<split>.tsv from dir.
func Load(dir, split string) (*Dataset, error) {
	var d Dataset
	if err := readJSONL(filepath.Join(dir, "corpus.jsonl"), &d.Corpus); err != nil {
		return nil, err
	}
	var qs []Query
	if err := readJSONL(filepath.Join(dir, "queries.jsonl"), &qs); err != nil {
		return nil, err
	}
	f, err := os.Open(filepath.Join(dir, "qrels", split+".tsv"))
	if err != nil {
		return nil, fmt.Errorf("scifact: %w", err)
	}
	defer f.Close()
	if d.Qrels, err = ReadQrels(f); err != nil {
		return nil, fmt.Errorf("scifact: %s: %w", f.Name(), err)
	}
	for _, q := range qs {
		if _, ok := d.Qrels[q.ID]; ok {
			d.Queries = append(d.Queries, q)
		}
	}
	return &d, nil
}

// readJSONL decodes one JSON value per line of path into *out.
func readJSONL[T any](path string, out *[]T) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("scifact: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return fmt.Errorf("scifact: %s line %d: %w", path, n, err)
		}
		*out = append(*out, v)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("scifact: %s: %w", path, err)
	}
	return nil
}

// ReadQrels parses BEIR judgments: a header line, then
// "query-id<TAB>corpus-id<TAB>score" per line.
func ReadQrels(r io.Reader) (Qrels, error) {
	q := Qrels{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || (n == 1 && strings.HasPrefix(line, "query-id")) {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("line %d: want 3 tab-separated fields, got %d", n, len(f))
		}
		score, err := strconv.Atoi(f[2])
		if err != nil {
			return nil, fmt.Errorf("line %d: score: %w", n, err)
		}
		if q[f[0]] == nil {
			q[f[0]] = map[string]int{}
		}
		q[f[0]][f[1]] = score
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return q, nil
}
