package catalog_test

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine/catalog"
	"github.com/hearth-app/hearth/engine/download"
)

var revision = regexp.MustCompile(`^/[^/]+/[^/]+/resolve/[0-9a-f]{40}/[^/]+\.gguf$`)

func load(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCatalogIsValid(t *testing.T) {
	c := load(t)
	if c.Version < 1 || c.Updated == "" {
		t.Errorf("version %d, updated %q", c.Version, c.Updated)
	}
	if len(c.OfKind(catalog.Chat)) < 5 || len(c.OfKind(catalog.Embedding)) < 1 {
		t.Errorf("too few models: %d chat, %d embedding", len(c.OfKind(catalog.Chat)), len(c.OfKind(catalog.Embedding)))
	}
	names := map[string]bool{}
	digests := map[string]bool{}
	for _, m := range c.Models {
		t.Run(m.Name, func(t *testing.T) {
			checkModel(t, m)
			if names[strings.ToLower(m.Name)] {
				t.Errorf("duplicate name %q", m.Name)
			}
			if digests[m.SHA256] {
				t.Errorf("duplicate sha256 %s", m.SHA256)
			}
			names[strings.ToLower(m.Name)], digests[m.SHA256] = true, true
		})
	}
}

func checkModel(t *testing.T, m catalog.Model) {
	t.Helper()
	for field, v := range map[string]string{
		"name": m.Name, "title": m.Title, "description": m.Description, "architecture": m.Architecture,
		"parameters": m.Parameters, "quantization": m.Quantization, "license": m.License, "source": m.Source,
	} {
		if strings.TrimSpace(v) == "" {
			t.Errorf("%s is empty", field)
		}
	}
	if m.Name != strings.ToLower(m.Name) || strings.ContainsAny(m.Name, " /\\:") {
		t.Errorf("name %q is not a lower-case token", m.Name)
	}
	if m.Kind != catalog.Chat && m.Kind != catalog.Embedding {
		t.Errorf("kind %q", m.Kind)
	}
	if !download.IsSHA256(m.SHA256) || m.SHA256 != strings.ToLower(m.SHA256) {
		t.Errorf("sha256 %q is not 64 lower-case hex digits", m.SHA256)
	}
	u, err := url.Parse(m.URL)
	if err != nil || u.Scheme != "https" || u.Host != "huggingface.co" || !revision.MatchString(u.Path) || u.RawQuery != "" {
		t.Errorf("url %q is not a Hugging Face resolve URL pinned to a revision", m.URL)
	}
	if m.Size < 1<<20 || m.RAM < m.Size || m.ContextLength < 512 {
		t.Errorf("size %d, ram %d, context %d", m.Size, m.RAM, m.ContextLength)
	}
	moe := strings.HasSuffix(m.Architecture, "moe")
	if m.ActiveSize < 0 || m.ActiveSize >= m.Size || moe != (m.ActiveSize > 0) {
		t.Errorf("%s model: active size %d of %d (set for mixtures of experts only, below the size)", m.Architecture, m.ActiveSize, m.Size)
	}
	if (m.Kind == catalog.Embedding) != (m.Dimensions > 0) {
		t.Errorf("%s model with %d dimensions", m.Kind, m.Dimensions)
	}
	if !strings.HasSuffix(m.FileName(), ".gguf") {
		t.Errorf("file name %q", m.FileName())
	}
}

func TestLookup(t *testing.T) {
	c := load(t)
	tests := []struct {
		name string
		ok   bool
	}{
		{"qwen2.5-0.5b-instruct", true},
		{"Qwen2.5-0.5B-Instruct", true},
		{"nomic-embed-text-v1.5", true},
		{"gpt-5", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := c.Lookup(tt.name)
			if ok != tt.ok || (ok && !strings.EqualFold(m.Name, tt.name)) {
				t.Errorf("Lookup(%q) = %q, %v", tt.name, m.Name, ok)
			}
		})
	}
}

func TestRecommend(t *testing.T) {
	c := load(t)
	const gib = 1 << 30
	tests := []struct {
		name      string
		ram       uint64
		cores     int
		first     string
		mustNot   []string
		wantEmpty bool
	}{
		{"tiny machine", 2 * gib, 2, "", nil, true},
		{"4 GB, 2 cores", 4 * gib, 2, "qwen2.5-1.5b-instruct", []string{"qwen3-4b", "llama-3.2-3b-instruct", "qwen2.5-3b-instruct"}, false},
		{"8 GB, 2 cores", 8 * gib, 2, "qwen2.5-1.5b-instruct", nil, false},
		{"8 GB, 4 cores", 8 * gib, 4, "qwen3-4b", nil, false},
		{"16 GB, 8 cores", 16 * gib, 8, "qwen3-4b", nil, false},
		// The mixture reads 2 GB a token: comfortable on 8 cores, the most
		// capable model, so first; too slow for 2 cores, so after the rest.
		{"32 GB, 8 cores", 32 * gib, 8, "qwen3-30b-a3b", nil, false},
		{"32 GB, 2 cores", 32 * gib, 2, "qwen2.5-1.5b-instruct", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.Recommend(tt.ram, tt.cores)
			if tt.wantEmpty {
				if len(got) != 0 {
					t.Errorf("recommended %v on a machine too small for any", names(got))
				}
				return
			}
			if len(got) == 0 || got[0].Name != tt.first {
				t.Fatalf("recommended %v, want %s first", names(got), tt.first)
			}
			budget := int64(tt.ram) * 3 / 4
			slowSeen := false
			for _, m := range got {
				// Past the first model too big for these cores, sizes only grow.
				perToken := m.Size
				if m.ActiveSize > 0 {
					perToken = m.ActiveSize
				}
				if slow := perToken > int64(tt.cores)*600<<20; slow {
					slowSeen = true
				} else if slowSeen {
					t.Errorf("%s, comfortable on %d cores, ranked after a slow one", m.Name, tt.cores)
				}
				if m.Kind != catalog.Chat || m.RAM > budget {
					t.Errorf("%s (%s, %d bytes of RAM) does not fit", m.Name, m.Kind, m.RAM)
				}
				for _, n := range tt.mustNot {
					if m.Name == n {
						t.Errorf("%s recommended on %s", n, tt.name)
					}
				}
			}
		})
	}
}

// TestRecommendLargeMoE checks that Qwen3-30B-A3B, about 20 GB of RAM, is
// offered only on machines with the memory for it.
func TestRecommendLargeMoE(t *testing.T) {
	c := load(t)
	const gib = 1 << 30
	m, ok := c.Lookup("qwen3-30b-a3b")
	if !ok {
		t.Skip("qwen3-30b-a3b is not in the catalog")
	}
	for _, tt := range []struct {
		ram  uint64
		want bool
	}{{8 * gib, false}, {16 * gib, false}, {24 * gib, false}, {32 * gib, true}, {64 * gib, true}} {
		got := slices.Contains(names(c.Recommend(tt.ram, 8)), m.Name)
		if got != tt.want {
			t.Errorf("%d GiB: recommended %v, want %v (needs %d bytes)", tt.ram/gib, got, tt.want, m.RAM)
		}
	}
}

func names(ms []catalog.Model) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return out
}

// TestFileNameFromName builds the file name from the catalog name, never
// from the URL, whose last element can hold a separator once decoded.
func TestFileNameFromName(t *testing.T) {
	for _, u := range []string{
		"https://huggingface.co/a/b/resolve/x/..%2F..%2Fevil.gguf",
		"https://huggingface.co/a/b/resolve/x/..%5C..%5Cevil.gguf",
		`https://huggingface.co/a/b/resolve/x/..\evil.gguf`,
		"https://huggingface.co/",
	} {
		m := catalog.Model{Name: "Qwen2.5-0.5B-Instruct", URL: u}
		if got := m.FileName(); got != "qwen2.5-0.5b-instruct.gguf" {
			t.Errorf("FileName for %s = %q", u, got)
		}
	}
}
