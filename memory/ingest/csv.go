package ingest

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// maxCSVRecord bounds the bytes of one CSV record held in memory.
const maxCSVRecord = 16 << 20

// parseCSV reads a table in groups of rows that fit a chunk, each group
// led by the header row, so every chunk says what its columns are. Each
// row is its fields joined by " | ". The extracted text is therefore not
// the file itself: it is the groups, one after the other, the header
// repeated at the start of each. A chunk's heading names its rows
// ("Rows 2-14", the header being row 1).
// The file's name says whether fields are separated by commas or, for
// .tsv, tabs.
func parseCSV(ctx context.Context, name string, r io.Reader, c *chunker) error {
	lr := &recordLimit{r: r}
	cr := csv.NewReader(lr)
	cr.FieldsPerRecord, cr.LazyQuotes, cr.ReuseRecord = -1, true, true
	if strings.EqualFold(filepath.Ext(name), ".tsv") {
		cr.Comma = '\t'
	}
	g := rowGroup{c: c}
	for row := 1; ; row++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		lr.n = 0
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return g.flush()
		}
		if err != nil {
			return csvError(err)
		}
		if err := g.add(row, strings.Join(rec, " | ")+"\n"); err != nil {
			return err
		}
	}
}

// csvError says in one sentence why a table did not parse.
func csvError(err error) error {
	var u *unreadable
	if errors.As(err, &u) {
		return err
	}
	return errUnreadable(fmt.Sprintf("The CSV file does not parse: %v.", err), err)
}

// rowGroup gathers rows until they fill a chunk.
type rowGroup struct {
	c          *chunker
	header     string
	rows       []string
	size       int // characters of header and rows
	first, end int // row numbers held
}

// add adds row number n, the header if n is 1.
func (g *rowGroup) add(n int, line string) error {
	chars := len([]rune(line))
	if n == 1 {
		g.header, g.size = line, chars
		return nil
	}
	if len(g.rows) > 0 && g.size+chars > g.c.size {
		if err := g.flush(); err != nil {
			return err
		}
	}
	if len(g.rows) == 0 {
		g.first, g.size = n, len([]rune(g.header))
	}
	g.rows, g.end, g.size = append(g.rows, line), n, g.size+chars
	return nil
}

// flush feeds the header and the rows held as one section.
func (g *rowGroup) flush() error {
	if len(g.rows) == 0 {
		if g.header != "" && g.first == 0 {
			g.first = -1
			return g.c.add(g.header, 0, "Row 1")
		}
		return nil
	}
	heading := fmt.Sprintf("Rows %d-%d", g.first, g.end)
	if err := g.c.add(g.header, 0, heading); err != nil {
		return err
	}
	for _, r := range g.rows {
		if err := g.c.add(r, 0, heading); err != nil {
			return err
		}
	}
	g.rows = g.rows[:0]
	return g.c.flush()
}

// recordLimit fails a read once n passes maxCSVRecord since the last reset,
// so that one enormous record cannot fill memory.
type recordLimit struct {
	r io.Reader
	n int64
}

func (l *recordLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.n += int64(n)
	if l.n > maxCSVRecord {
		return n, errUnreadable("The CSV file has a row over 16 MiB.", nil)
	}
	return n, err
}
