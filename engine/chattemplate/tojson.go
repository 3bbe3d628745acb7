package chattemplate

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/nikolalohinski/gonja/v2/exec"
)

// filterToJSON is tojson as transformers defines it for chat templates
// (Python's json.dumps: ", " and ": " separators, keys in insertion order,
// non-ASCII kept), with an optional indent argument.
func filterToJSON(_ *exec.Evaluator, in *exec.Value, params *exec.VarArgs) *exec.Value {
	if in.IsError() {
		return in
	}
	indent := 0
	if v, ok := params.KwArgs["indent"]; ok && v.IsInteger() {
		indent = v.Integer()
	} else if len(params.Args) > 0 && params.Args[0].IsInteger() {
		indent = params.Args[0].Integer()
	}
	var b strings.Builder
	if err := writeJSON(&b, in, indent, 0); err != nil {
		return exec.AsValue(fmt.Errorf("tojson: %w", err))
	}
	return exec.AsSafeValue(b.String())
}

// DumpJSON rewrites a JSON document as the tojson filter writes it: with
// Python's json.dumps separators (", " and ": "), keys in their order,
// non-ASCII kept, numbers as @huggingface/jinja prints them.
func DumpJSON(raw json.RawMessage) (string, error) {
	v, err := jsonValue(raw)
	if err != nil {
		return "", fmt.Errorf("chattemplate: dump JSON: %w", err)
	}
	var b strings.Builder
	if err := writeJSON(&b, exec.AsValue(v), 0, 0); err != nil {
		return "", fmt.Errorf("chattemplate: dump JSON: %w", err)
	}
	return b.String(), nil
}

// writeJSON appends the JSON form of v at nesting depth.
func writeJSON(b *strings.Builder, v *exec.Value, indent, depth int) error {
	if v == nil || v.IsNil() {
		b.WriteString("null")
		return nil
	}
	switch x := v.Interface().(type) {
	case exec.Dict:
		return writeObject(b, dictPairs(x), indent, depth)
	case *exec.Dict:
		return writeObject(b, dictPairs(*x), indent, depth)
	case bool:
		b.WriteString(strconv.FormatBool(x))
		return nil
	case string:
		writeString(b, x)
		return nil
	case float32:
		b.WriteString(jsNumber(float64(x)))
		return nil
	case float64:
		b.WriteString(jsNumber(x))
		return nil
	}
	return writeReflected(b, v, indent, depth)
}

// writeReflected handles integers, lists and Go maps.
func writeReflected(b *strings.Builder, v *exec.Value, indent, depth int) error {
	rv := reflect.ValueOf(v.Interface())
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		b.WriteString(fmt.Sprint(rv.Interface()))
		return nil
	case reflect.Slice, reflect.Array:
		items := make([]*exec.Value, rv.Len())
		for i := range items {
			items[i] = exec.ToValue(rv.Index(i))
		}
		return writeArray(b, items, indent, depth)
	case reflect.Map:
		return writeObject(b, mapPairs(rv), indent, depth)
	}
	return fmt.Errorf("cannot encode %s", rv.Kind())
}

type pair struct {
	key   string
	value *exec.Value
}

func dictPairs(d exec.Dict) []pair {
	out := make([]pair, len(d.Pairs))
	for i, p := range d.Pairs {
		out[i] = pair{p.Key.String(), p.Value}
	}
	return out
}

// mapPairs lists a Go map's entries by key, the only stable order it has.
func mapPairs(m reflect.Value) []pair {
	out := make([]pair, 0, m.Len())
	for it := m.MapRange(); it.Next(); {
		out = append(out, pair{fmt.Sprint(it.Key().Interface()), exec.ToValue(it.Value())})
	}
	slices.SortFunc(out, func(a, b pair) int { return strings.Compare(a.key, b.key) })
	return out
}

func writeArray(b *strings.Builder, items []*exec.Value, indent, depth int) error {
	b.WriteByte('[')
	for i, it := range items {
		separate(b, i, indent, depth+1)
		if err := writeJSON(b, it, indent, depth+1); err != nil {
			return err
		}
	}
	closeWith(b, ']', len(items), indent, depth)
	return nil
}

func writeObject(b *strings.Builder, pairs []pair, indent, depth int) error {
	b.WriteByte('{')
	for i, p := range pairs {
		separate(b, i, indent, depth+1)
		writeString(b, p.key)
		b.WriteString(": ")
		if err := writeJSON(b, p.value, indent, depth+1); err != nil {
			return err
		}
	}
	closeWith(b, '}', len(pairs), indent, depth)
	return nil
}

// separate writes what comes before item i: ", " inline; with an indent a
// comma (after the first) and a new line padded to depth.
func separate(b *strings.Builder, i, indent, depth int) {
	if indent == 0 {
		if i > 0 {
			b.WriteString(", ")
		}
		return
	}
	if i > 0 {
		b.WriteByte(',')
	}
	b.WriteByte('\n')
	b.WriteString(strings.Repeat(" ", indent*depth))
}

func closeWith(b *strings.Builder, c byte, n, indent, depth int) {
	if indent > 0 && n > 0 {
		b.WriteByte('\n')
		b.WriteString(strings.Repeat(" ", indent*depth))
	}
	b.WriteByte(c)
}

// writeString quotes s as JSON does, leaving non-ASCII and HTML characters
// as they are.
func writeString(b *strings.Builder, s string) {
	var buf strings.Builder
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	q := strings.TrimSuffix(buf.String(), "\n")
	// encoding/json escapes U+2028 and U+2029; JavaScript and Python do not.
	q = strings.NewReplacer(`\u2028`, "\u2028", `\u2029`, "\u2029").Replace(q)
	b.WriteString(q)
}

// jsNumber formats f as JavaScript prints numbers (what @huggingface/jinja's
// tojson emits): integers without a fraction, exponents from 1e21 and below
// 1e-6.
func jsNumber(f float64) string {
	switch {
	case math.IsNaN(f), math.IsInf(f, 0):
		return "null"
	case f == 0:
		return "0"
	}
	a := math.Abs(f)
	if a >= 1e21 || a < 1e-6 {
		s := strconv.FormatFloat(f, 'e', -1, 64)
		mant, exp, _ := strings.Cut(s, "e")
		n, _ := strconv.Atoi(exp)
		if n >= 0 {
			return mant + "e+" + strconv.Itoa(n)
		}
		return mant + "e" + strconv.Itoa(n)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}
