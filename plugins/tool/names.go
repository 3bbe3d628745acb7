package tool

import (
	"fmt"
	"strings"
)

// maxNameLen is the longest name offered to a model (OpenAI's limit).
const maxNameLen = 64

// sanitize maps name onto [a-zA-Z0-9_-], never empty and never too long.
func sanitize(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	s := b.String()
	if s == "" {
		s = "tool"
	}
	if len(s) > maxNameLen {
		s = s[:maxNameLen]
	}
	return s
}

// modelNames gives each tool a sanitised name unique among tools. A
// built-in keeps its plain name; another source's tool is prefixed by the
// source (e.g. "everything__echo"), and a collision left after that gets a
// numbered suffix. Names are assigned in order, so the list order decides.
func modelNames(tools []Tool) {
	used := make(map[string]bool, len(tools))
	for i := range tools {
		base := sanitize(tools[i].Name)
		if tools[i].Source != SourceHearth {
			prefix := tools[i].Source
			if j := strings.IndexByte(prefix, ':'); j >= 0 {
				prefix = prefix[j+1:]
			}
			base = sanitize(prefix + "__" + tools[i].Name)
		}
		name := base
		for n := 2; used[strings.ToLower(name)]; n++ {
			suffix := fmt.Sprintf("_%d", n)
			name = base
			if len(name)+len(suffix) > maxNameLen {
				name = name[:maxNameLen-len(suffix)]
			}
			name += suffix
		}
		used[strings.ToLower(name)] = true
		tools[i].ModelName = name
	}
}
