package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/hearth-app/hearth/memory/ingest"
)

func ExampleParse() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "notes.md")
	os.WriteFile(path, []byte("# Garden\n\n## Roses\n\nPrune in March.\n"), 0o644)

	out := ingest.Parse(context.Background(), path, ingest.Options{}, func(c ingest.Chunk) error {
		fmt.Printf("%q under %q at [%d,%d)\n", c.Text, c.Heading, c.Start, c.End)
		return nil
	})
	fmt.Println(out.Status)
	// Output:
	// "# Garden" under "Garden" at [0,8)
	// "## Roses\n\nPrune in March." under "Garden > Roses" at [10,35)
	// indexed
}
