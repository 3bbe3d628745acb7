//go:build wasip1

// Command units is an example Hearth plugin with no capabilities: one tool,
// convert, that converts lengths, masses and temperatures.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/hearth-app/hearth/plugins/sdk"
)

// unit is a linear unit: its kind and its size in the kind's base unit
// (metre, kilogram). The factors are the exact definitions (the
// international yard and pound of 1959, the nautical mile of 1929).
type unit struct {
	kind   string
	factor float64
}

var units = map[string]unit{
	"mm": {"length", 0.001}, "cm": {"length", 0.01}, "m": {"length", 1}, "km": {"length", 1000},
	"in": {"length", 0.0254}, "ft": {"length", 0.3048}, "yd": {"length", 0.9144},
	"mi": {"length", 1609.344}, "nmi": {"length", 1852},
	"mg": {"mass", 1e-6}, "g": {"mass", 0.001}, "kg": {"mass", 1}, "t": {"mass", 1000},
	"oz": {"mass", 0.028349523125}, "lb": {"mass", 0.45359237}, "st": {"mass", 6.35029318},
}

// temperatures converts to and from kelvin.
var temperatures = map[string]struct{ toK, fromK func(float64) float64 }{
	"C": {func(v float64) float64 { return v + 273.15 }, func(k float64) float64 { return k - 273.15 }},
	"F": {func(v float64) float64 { return (v-32)*5/9 + 273.15 }, func(k float64) float64 { return (k-273.15)*9/5 + 32 }},
	"K": {func(v float64) float64 { return v }, func(k float64) float64 { return k }},
}

func init() {
	sdk.Tool("convert", convert)
}

type convertArgs struct {
	Value *float64 `json:"value"`
	From  string   `json:"from"`
	To    string   `json:"to"`
}

func convert(raw json.RawMessage) (sdk.Result, error) {
	var args convertArgs
	if err := json.Unmarshal(raw, &args); err != nil || args.Value == nil {
		return sdk.Result{}, errors.New("convert takes {\"value\": number, \"from\": unit, \"to\": unit}")
	}
	result, err := convertValue(*args.Value, args.From, args.To)
	if err != nil {
		return sdk.Result{}, err
	}
	text := fmt.Sprintf("%s %s = %s %s", format(*args.Value), args.From, format(result), args.To)
	return sdk.Result{Text: text, Structured: map[string]any{"value": result, "unit": args.To}}, nil
}

func convertValue(v float64, from, to string) (float64, error) {
	if tf, ok := temperatures[strings.ToUpper(from)]; ok {
		tt, ok := temperatures[strings.ToUpper(to)]
		if !ok {
			return 0, fmt.Errorf("%q is not a temperature unit", to)
		}
		return tt.fromK(tf.toK(v)), nil
	}
	uf, ok := units[from]
	if !ok {
		return 0, fmt.Errorf("%q is not a unit this plugin knows", from)
	}
	ut, ok := units[to]
	if !ok || ut.kind != uf.kind {
		return 0, fmt.Errorf("%q is not a %s unit", to, uf.kind)
	}
	return v * uf.factor / ut.factor, nil
}

func format(v float64) string {
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func main() {}
