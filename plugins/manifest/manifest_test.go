package manifest_test

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/plugins/manifest"
)

// goodJSON is a valid manifest that uses every field.
func goodJSON(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/good.json")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// mutated returns the good manifest with one change made to its JSON form.
func mutated(t *testing.T, change func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(goodJSON(t), &m); err != nil {
		t.Fatal(err)
	}
	change(m)
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseGood(t *testing.T) {
	m, err := manifest.Parse(goodJSON(t))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if m.ID != "dev.hearth.units" || m.Entry != "units.wasm" || len(m.Files) != 2 {
		t.Errorf("parsed %+v", m)
	}
	c, ok := m.Capability(manifest.CapNetFetch)
	if !ok || len(c.Hosts) != 2 || c.Hosts[1] != "rates.example.org" {
		t.Errorf("net:fetch = %+v, %v", c, ok)
	}
	if len(m.Tools) != 1 || !m.Tools[0].ReadOnly || !json.Valid(m.Tools[0].InputSchema) {
		t.Errorf("tools = %+v", m.Tools)
	}
}

// capability returns the JSON form of one capability.
func capability(name, reason string, hosts ...string) map[string]any {
	c := map[string]any{"name": name, "reason": reason}
	if hosts != nil {
		c["hosts"] = hosts
	}
	return c
}

// tool returns the JSON form of one tool with the given schema.
func tool(name string, schema any) map[string]any {
	return map[string]any{"name": name, "description": "Does a thing.", "input_schema": schema}
}

func TestValidateRefuses(t *testing.T) {
	objectSchema := map[string]any{"type": "object"}
	cases := []struct {
		name   string
		change func(m map[string]any)
		want   string // a part of the one-sentence error
	}{
		{"id upper case", func(m map[string]any) { m["id"] = "Dev.Hearth" }, "the id"},
		{"id one char", func(m map[string]any) { m["id"] = "a" }, "the id"},
		{"id too long", func(m map[string]any) { m["id"] = strings.Repeat("a", 65) }, "the id"},
		{"id leading dot", func(m map[string]any) { m["id"] = ".units" }, "the id"},
		{"version not semver", func(m map[string]any) { m["version"] = "1.2" }, "the version"},
		{"version with v", func(m map[string]any) { m["version"] = "v1.2.0" }, "the version"},
		{"version missing", func(m map[string]any) { delete(m, "version") }, "the version"},
		{"min_hearth not semver", func(m map[string]any) { m["min_hearth"] = "latest" }, "the min_hearth"},
		{"api version", func(m map[string]any) { m["api_version"] = 2 }, "API version 2"},
		{"api version missing", func(m map[string]any) { delete(m, "api_version") }, "API version 0"},
		{"name empty", func(m map[string]any) { m["name"] = " " }, "the name is empty"},
		{"name too long", func(m map[string]any) { m["name"] = strings.Repeat("n", 65) }, "the name is longer"},
		{"name with newline", func(m map[string]any) { m["name"] = "Units\nOK" }, "control character U+000A"},
		{"author with bidi override", func(m map[string]any) { m["author"] = "evil\u202egoog" }, "U+202E"},
		{"description too long", func(m map[string]any) { m["description"] = strings.Repeat("d", 2001) }, "description is longer"},
		{"entry not wasm", func(m map[string]any) { m["entry"] = "data/table.csv" }, "not a .wasm file"},
		{"entry not listed", func(m map[string]any) { m["entry"] = "other.wasm" }, "not among the listed files"},
		{"file dot dot", func(m map[string]any) { files(m)["../x.wasm"] = strings.Repeat("0", 64) }, ". or .. segment"},
		{"file absolute", func(m map[string]any) { files(m)["/x"] = strings.Repeat("0", 64) }, "relative path"},
		{"file backslash", func(m map[string]any) { files(m)[`a\b`] = strings.Repeat("0", 64) }, "relative path"},
		{"file empty segment", func(m map[string]any) { files(m)["a//b"] = strings.Repeat("0", 64) }, "relative path"},
		{"file non-ASCII", func(m map[string]any) { files(m)["é.txt"] = strings.Repeat("0", 64) }, "relative path"},
		{"file plugin.json", func(m map[string]any) { files(m)["plugin.json"] = strings.Repeat("0", 64) }, "keeps for itself"},
		{"file minisig", func(m map[string]any) { files(m)["x.minisig"] = strings.Repeat("0", 64) }, "keeps for itself"},
		{"file case duplicate", func(m map[string]any) { files(m)["Units.wasm"] = strings.Repeat("0", 64) }, "twice"},
		{"file under a file", func(m map[string]any) { files(m)["units.wasm/x"] = strings.Repeat("0", 64) }, "both as a file and as a folder"},
		{"hash upper case", func(m map[string]any) { files(m)["units.wasm"] = strings.Repeat("A", 64) }, "64 lower-case hex"},
		{"hash short", func(m map[string]any) { files(m)["units.wasm"] = "abc" }, "64 lower-case hex"},
		{"too many files", func(m map[string]any) {
			for i := range 300 {
				files(m)["f"+strings.Repeat("x", i%50)+string(rune('a'+i%26))+"/"+strings.Repeat("y", i/26)+"z"] = strings.Repeat("0", 64)
			}
		}, "more than 254 files"},
		{"public key garbage", func(m map[string]any) { m["public_key"] = "RWnotakey" }, "not a minisign public key"},
		{"unknown capability", func(m map[string]any) { m["capabilities"] = []any{capability("disk:write", "x")} }, "not one Hearth knows"},
		{"capability twice", func(m map[string]any) {
			m["capabilities"] = []any{capability("notify", "x"), capability("notify", "y")}
		}, "asked for twice"},
		{"capability without reason", func(m map[string]any) { m["capabilities"] = []any{capability("notify", "  ")} }, "gives no reason"},
		{"hosts on memory:read", func(m map[string]any) {
			m["capabilities"] = []any{capability("memory:read", "x", "example.com")}
		}, "cannot name hosts"},
		{"net:fetch without hosts", func(m map[string]any) { m["capabilities"] = []any{capability("net:fetch", "x")} }, "names no hosts"},
		{"host with scheme", func(m map[string]any) {
			m["capabilities"] = []any{capability("net:fetch", "x", "https://example.com")}
		}, "plain lower-case DNS name"},
		{"host with port", func(m map[string]any) { m["capabilities"] = []any{capability("net:fetch", "x", "example.com:443")} }, "plain lower-case DNS name"},
		{"host with path", func(m map[string]any) { m["capabilities"] = []any{capability("net:fetch", "x", "example.com/a")} }, "plain lower-case DNS name"},
		{"host IPv4", func(m map[string]any) { m["capabilities"] = []any{capability("net:fetch", "x", "10.0.0.1")} }, "plain lower-case DNS name"},
		{"host IPv6", func(m map[string]any) { m["capabilities"] = []any{capability("net:fetch", "x", "[::1]")} }, "plain lower-case DNS name"},
		{"host wildcard", func(m map[string]any) { m["capabilities"] = []any{capability("net:fetch", "x", "*.example.com")} }, "plain lower-case DNS name"},
		{"host localhost", func(m map[string]any) { m["capabilities"] = []any{capability("net:fetch", "x", "localhost")} }, "plain lower-case DNS name"},
		{"host single label", func(m map[string]any) { m["capabilities"] = []any{capability("net:fetch", "x", "intranet")} }, "plain lower-case DNS name"},
		{"host upper case", func(m map[string]any) { m["capabilities"] = []any{capability("net:fetch", "x", "Example.com")} }, "plain lower-case DNS name"},
		{"host trailing dot", func(m map[string]any) { m["capabilities"] = []any{capability("net:fetch", "x", "example.com.")} }, "plain lower-case DNS name"},
		{"host hyphen edge", func(m map[string]any) { m["capabilities"] = []any{capability("net:fetch", "x", "-a.example.com")} }, "plain lower-case DNS name"},
		{"host twice", func(m map[string]any) {
			m["capabilities"] = []any{capability("net:fetch", "x", "example.com", "example.com")}
		}, "listed twice"},
		{"tool name with space", func(m map[string]any) { m["tools"] = []any{tool("con vert", objectSchema)} }, "the tool name"},
		{"tool twice", func(m map[string]any) { m["tools"] = []any{tool("a", objectSchema), tool("a", objectSchema)} }, "offered twice"},
		{"tool without description", func(m map[string]any) {
			t := tool("a", objectSchema)
			t["description"] = ""
			m["tools"] = []any{t}
		}, "has no description"},
		{"tool read-only and destructive", func(m map[string]any) {
			t := tool("a", objectSchema)
			t["read_only"], t["destructive"] = true, true
			m["tools"] = []any{t}
		}, "both read-only and destructive"},
		{"tool schema missing", func(m map[string]any) {
			t := tool("a", nil)
			delete(t, "input_schema")
			m["tools"] = []any{t}
		}, "no input schema object"},
		{"tool schema array", func(m map[string]any) { m["tools"] = []any{tool("a", []any{})} }, "no input schema object"},
		{"tool schema of type string", func(m map[string]any) { m["tools"] = []any{tool("a", map[string]any{"type": "string"})} }, `not of type "object"`},
		{"tool schema that does not compile", func(m map[string]any) {
			m["tools"] = []any{tool("a", map[string]any{"type": "object", "minProperties": "two"})}
		}, "does not compile"},
		{"tool schema with a remote ref", func(m map[string]any) {
			m["tools"] = []any{tool("a", map[string]any{"type": "object", "$ref": "https://example.com/s.json"})}
		}, "does not compile"},
		{"tool schema with a file ref", func(m map[string]any) {
			m["tools"] = []any{tool("a", map[string]any{"type": "object", "$ref": "file:///etc/passwd"})}
		}, "does not compile"},
		{"memory over ceiling", func(m map[string]any) { m["limits"] = map[string]any{"memory_mb": 513} }, "memory_mb is 513"},
		{"timeout negative", func(m map[string]any) { m["limits"] = map[string]any{"timeout_ms": -1} }, "timeout_ms is -1"},
		{"output over ceiling", func(m map[string]any) { m["limits"] = map[string]any{"output_kb": 4097} }, "output_kb is 4097"},
		{"unknown field", func(m map[string]any) { m["permissions"] = []any{} }, `the field "permissions" is not known`},
		{"unknown nested field", func(m map[string]any) {
			m["capabilities"] = []any{map[string]any{"name": "notify", "reason": "x", "why": "y"}}
		}, `the field "why" is not known`},
		{"wrong type", func(m map[string]any) { m["api_version"] = "1" }, "wrong type"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := manifest.Parse(mutated(t, c.change))
			if err == nil {
				t.Fatal("Parse accepted it")
			}
			if !errors.Is(err, manifest.ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not say %q", err, c.want)
			}
			if strings.Count(err.Error(), "\n") > 0 {
				t.Errorf("error %q spans lines", err)
			}
		})
	}
}

// files returns the files object of a manifest's JSON form.
func files(m map[string]any) map[string]any { return m["files"].(map[string]any) }

func TestParseStrictJSON(t *testing.T) {
	good := string(goodJSON(t))
	cases := []struct {
		name, data, want string
	}{
		{"duplicate field", strings.Replace(good, `"name": "Units",`, `"name": "Units", "name": "Other",`, 1), "appears twice"},
		{"duplicate field case folded", strings.Replace(good, `"name": "Units",`, `"name": "Units", "NAME": "Other",`, 1), "appears twice"},
		{"duplicate nested field", strings.Replace(good, `"read_only": true`, `"read_only": true, "read_only": false`, 1), "appears twice"},
		{"two values", good + `{}`, "more than one value"},
		{"truncated", good[:len(good)/2], "ends too early"},
		{"not an object", `[1,2]`, "wrong type"},
		{"empty", ``, "ends too early"},
		{"too large", `{"name": "` + strings.Repeat("x", manifest.MaxSize) + `"}`, "larger than 256 KiB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := manifest.Parse([]byte(c.data))
			if err == nil || !errors.Is(err, manifest.ErrInvalid) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Parse = %v, want an ErrInvalid saying %q", err, c.want)
			}
		})
	}
}

func TestSchemaDraftsKnownToTheCompiler(t *testing.T) {
	// A $schema naming a draft the compiler knows needs no download.
	for _, draft := range []string{"http://json-schema.org/draft-07/schema#", "https://json-schema.org/draft/2020-12/schema"} {
		data := mutated(t, func(m map[string]any) {
			m["tools"] = []any{tool("a", map[string]any{"$schema": draft, "type": "object"})}
		})
		if _, err := manifest.Parse(data); err != nil {
			t.Errorf("%s: %v", draft, err)
		}
	}
	data := mutated(t, func(m map[string]any) {
		m["tools"] = []any{tool("a", map[string]any{"$schema": "https://example.com/my-draft", "type": "object"})}
	})
	if _, err := manifest.Parse(data); err == nil || !strings.Contains(err.Error(), "does not compile") {
		t.Errorf("an unknown $schema: %v", err)
	}
}

func TestDuplicateNamesInSeparateObjectsAreFine(t *testing.T) {
	// Each capability object has its own "name"; only a repeat within one
	// object is refused.
	data := mutated(t, func(m map[string]any) {
		m["capabilities"] = []any{capability("notify", "a"), capability("secrets", "b")}
	})
	if _, err := manifest.Parse(data); err != nil {
		t.Fatalf("Parse: %v", err)
	}
}

func TestValidateFoldsFileNames(t *testing.T) {
	// Parse refuses the same file named twice in different case already as
	// a duplicated JSON field; Validate refuses it on a manifest built in Go.
	m, err := manifest.Parse(goodJSON(t))
	if err != nil {
		t.Fatal(err)
	}
	m.Files["Data/Table.csv"] = m.Files["data/table.csv"]
	if err := m.Validate(); err == nil || !strings.Contains(err.Error(), "listed twice when case is ignored") {
		t.Fatalf("Validate = %v", err)
	}
}

func TestValidHost(t *testing.T) {
	good := []string{"example.com", "api.example.com", "a-b.example.co.uk", "xn--bcher-kva.example", "1.example.com", "example.a1"}
	bad := []string{"", "com", "example..com", "example.com.", ".example.com", "exa_mple.com", "1.2.3.4", "example.123",
		"foo.localhost", "localhost", "*.example.com", "example.com:80", strings.Repeat("a", 64) + ".com",
		strings.Repeat(strings.Repeat("a", 60)+".", 5) + "com"}
	for _, h := range good {
		if !manifest.ValidHost(h) {
			t.Errorf("ValidHost(%q) = false", h)
		}
	}
	for _, h := range bad {
		if manifest.ValidHost(h) {
			t.Errorf("ValidHost(%q) = true", h)
		}
	}
}
