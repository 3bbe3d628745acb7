package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// eventsTS is the frontend module that names the events and their payloads.
const eventsTS = "../frontend/src/api/events.ts"

// eventPayloads is what each event carries, as the services emit it.
var eventPayloads = map[string]any{
	EventLocked:         "",
	EventModelsProgress: DownloadProgress{},
	EventModelsDone:     DownloadDone{},
	EventModelsError:    DownloadFailed{},
	EventChatDelta:      chatDelta{},
	EventChatDone:       chatDone{},
	EventChatError:      chatFailure{},
	EventDocsProgress:   DocsProgress{},
	EventDocsDone:       DocsDone{},
	EventDocsError:      DocsFailed{},
	EventDocsSemantic:   DocsSemantic{},
	EventChatTool:       chatToolEvent{},
	EventChatToolAsk:    chatToolAsk{},
	EventPluginNotice:   pluginNotice{},
}

// TestEventsMatchFrontend fails when frontend/src/api/events.ts and the Go
// side disagree: an event constant missing or spelled differently, or a
// payload whose fields differ from the Go struct's JSON tags.
func TestEventsMatchFrontend(t *testing.T) {
	src, err := os.ReadFile(eventsTS)
	if err != nil {
		t.Fatal(err)
	}
	ts := string(src)
	goEvents := goEventConstants(t)
	tsEvents := matches(ts, `(?m)^export const (Event\w+) = "([^"]*)";$`)
	if !reflect.DeepEqual(goEvents, tsEvents) {
		t.Fatalf("event names differ:\n Go: %v\n TS: %v", goEvents, tsEvents)
	}
	payloads := matches(ts, `(?m)^  \[(Event\w+)\]: (.+);$`)
	for name, value := range goEvents {
		payload, ok := eventPayloads[value]
		if !ok {
			t.Errorf("%s: no payload in eventPayloads; add the Go type it carries", name)
			continue
		}
		expr, ok := payloads[name]
		if !ok {
			t.Errorf("%s: no entry in the Payloads interface of %s", name, eventsTS)
			continue
		}
		checkTSType(t, ts, name, expr, reflect.TypeOf(payload))
	}
}

// goEventConstants returns the Event* string constants of package app, by name.
func goEventConstants(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			spec, ok := n.(*ast.ValueSpec)
			if !ok {
				return true
			}
			for i, id := range spec.Names {
				lit, ok := valueAt(spec, i).(*ast.BasicLit)
				if strings.HasPrefix(id.Name, "Event") && ok && lit.Kind == token.STRING {
					out[id.Name], _ = strconv.Unquote(lit.Value)
				}
			}
			return true
		})
	}
	return out
}

func valueAt(spec *ast.ValueSpec, i int) ast.Expr {
	if i < len(spec.Values) {
		return spec.Values[i]
	}
	return nil
}

// matches returns the first group of each match of re in s, mapped to the second.
func matches(s, re string) map[string]string {
	out := map[string]string{}
	for _, m := range regexp.MustCompile(re).FindAllStringSubmatch(s, -1) {
		out[m[1]] = m[2]
	}
	return out
}

// checkTSType reports where the TypeScript type expr does not describe what
// Go's encoding/json makes of typ.
func checkTSType(t *testing.T, ts, where, expr string, typ reflect.Type) {
	t.Helper()
	if alias := regexp.MustCompile(`(?m)^export type ` + regexp.QuoteMeta(expr) + ` = (.+);$`).FindStringSubmatch(ts); alias != nil {
		expr = alias[1]
	}
	switch typ.Kind() {
	case reflect.String:
		want(t, where, expr, "string")
	case reflect.Bool:
		want(t, where, expr, "boolean")
	case reflect.Int, reflect.Int32, reflect.Int64, reflect.Float32, reflect.Float64:
		want(t, where, expr, "number")
	case reflect.Struct:
		checkTSStruct(t, ts, where, expr, typ)
	default:
		t.Errorf("%s: no rule for Go kind %s", where, typ.Kind())
	}
}

// checkTSStruct checks a struct: either the class the bindings generate from
// the same Go type, or an interface with one field per JSON field.
func checkTSStruct(t *testing.T, ts, where, expr string, typ reflect.Type) {
	t.Helper()
	if m := regexp.MustCompile(`^Fields<app\.(\w+)>$`).FindStringSubmatch(expr); m != nil {
		want(t, where, m[1], typ.Name())
		return
	}
	body := regexp.MustCompile(`(?s)export interface ` + regexp.QuoteMeta(expr) + ` \{\n(.*?)\n\}`).FindStringSubmatch(ts)
	if body == nil {
		t.Errorf("%s: no interface %s in %s", where, expr, eventsTS)
		return
	}
	fields := matches(body[1], `(?m)^  (\w+)\??: (.+);$`)
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			t.Errorf("%s: %s.%s has no JSON name", where, typ.Name(), f.Name)
			continue
		}
		fexpr, ok := fields[name]
		if !ok {
			t.Errorf("%s: %s lacks %q (Go %s.%s)", where, expr, name, typ.Name(), f.Name)
			continue
		}
		delete(fields, name)
		checkTSType(t, ts, where+"."+name, fexpr, f.Type)
	}
	for name := range fields {
		t.Errorf("%s: %s has %q, which Go's %s does not send", where, expr, name, typ.Name())
	}
}

func want(t *testing.T, where, got, wanted string) {
	t.Helper()
	if got != wanted {
		t.Errorf("%s: TypeScript says %s, Go sends %s", where, got, wanted)
	}
}
