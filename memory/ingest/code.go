package ingest

import (
	"context"
	"io"
	"path/filepath"
	"regexp"
	"strings"
)

// codeExtensions are the source files read as code; a few build files are
// known by their whole name.
var codeExtensions = map[string]bool{
	".go": true, ".py": true, ".js": true, ".mjs": true, ".ts": true, ".tsx": true, ".jsx": true,
	".java": true, ".kt": true, ".scala": true, ".c": true, ".h": true, ".cc": true, ".cpp": true,
	".hpp": true, ".cs": true, ".rs": true, ".rb": true, ".php": true, ".swift": true, ".m": true,
	".sh": true, ".bash": true, ".zsh": true, ".lua": true, ".pl": true, ".r": true, ".sql": true,
	".hs": true, ".ml": true, ".ex": true, ".exs": true, ".erl": true, ".clj": true, ".dart": true,
	".vue": true, ".svelte": true, ".css": true, ".scss": true, ".yaml": true, ".yml": true,
	".toml": true, ".json": true, ".xml": true, ".ini": true, ".cfg": true, ".mk": true,
	".el": true, ".jl": true, ".zig": true, ".nim": true, ".ps1": true,
}

// isCode reports whether path names a source file.
func isCode(path string) bool {
	base := filepath.Base(path)
	switch base {
	case "Makefile", "GNUmakefile", "Dockerfile", "CMakeLists.txt", "Rakefile", "Jenkinsfile":
		return true
	}
	return codeExtensions[strings.ToLower(filepath.Ext(base))]
}

// definition matches a line that starts a top-level definition in the
// common languages: the line must start at column 0.
var definition = regexp.MustCompile(`^(?:(?:export|pub(?:\([a-z]+\))?|public|private|protected|internal|static|abstract|final|async|default|unsafe|extern)\s+)*` +
	`(?:func|def|class|fn|impl|trait|struct|enum|union|interface|type|function|module|object|sub|procedure|defmodule|defn|macro_rules!)\b`)

// commentLine matches a line that belongs with the definition below it: a
// comment, a doc comment or a decorator.
var commentLine = regexp.MustCompile(`^\s*(?://|#|/\*|\*|--|;;|@|"""|\[\[?[A-Za-z])`)

// maxPending bounds the comment lines held back for the next definition.
const maxPending = 64

// parseCode reads source code as text (its extracted text is the file
// itself), starting a section at each top-level definition, named by its
// first line ("func Parse(ctx context.Context, ..."), so a chunk is one
// definition where it fits. The comments and decorators right above a
// definition go with it. Longer definitions are cut by the chunker at
// blank lines, then line ends.
func parseCode(ctx context.Context, r io.Reader, c *chunker) error {
	section := ""
	var pending []string
	release := func() error {
		for _, l := range pending {
			if err := c.add(l, 0, section); err != nil {
				return err
			}
		}
		pending = pending[:0]
		return nil
	}
	err := pieces(ctx, r, func(piece []byte) error {
		line := string(piece)
		switch {
		case definition.MatchString(line):
			section = signature(line)
		case commentLine.MatchString(line) && len(pending) < maxPending:
			pending = append(pending, line)
			return nil
		}
		if err := release(); err != nil {
			return err
		}
		return c.add(line, 0, section)
	})
	if err != nil {
		return err
	}
	return release()
}

// signature shortens a definition's first line to name its section.
func signature(line string) string {
	s := strings.TrimSpace(line)
	if i := strings.IndexAny(s, "{"); i > 0 {
		s = strings.TrimSpace(s[:i])
	}
	if r := []rune(s); len(r) > 100 {
		s = string(r[:100]) + "…"
	}
	return s
}
