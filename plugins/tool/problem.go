package tool

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// maxPlaceLen bounds an argument's name in a sentence: names come from
// the model and may be anything.
const maxPlaceLen = 60

// problem is the first problem of a failed validation in one sentence,
// e.g. `the argument "value" must be a number`.
func problem(ve *jsonschema.ValidationError) string {
	leaf := firstLeaf(ve)
	loc := leaf.InstanceLocation
	place := argumentPlace(loc)
	switch k := leaf.ErrorKind.(type) {
	case *kind.Type:
		return fmt.Sprintf("%s must be %s", place, typeNames(k.Want))
	case *kind.Required:
		return fmt.Sprintf("%s is missing", argumentPlace(append(loc[:len(loc):len(loc)], k.Missing[0])))
	case *kind.AdditionalProperties:
		return fmt.Sprintf("%s is not allowed", argumentPlace(append(loc[:len(loc):len(loc)], k.Properties[0])))
	case *kind.Minimum:
		return fmt.Sprintf("%s must be at least %s", place, number(k.Want))
	case *kind.Maximum:
		return fmt.Sprintf("%s must be at most %s", place, number(k.Want))
	case *kind.Enum, *kind.Const:
		return fmt.Sprintf("%s is not one of the allowed values", place)
	case *kind.FalseSchema:
		return fmt.Sprintf("%s is not allowed", place)
	}
	msg := leaf.ErrorKind.LocalizedString(message.NewPrinter(language.English))
	return fmt.Sprintf("%s is invalid: %s", place, clipPlace(strings.ReplaceAll(msg, "\n", " ")))
}

// argumentPlace names the value at loc in a sentence.
func argumentPlace(loc []string) string {
	if len(loc) == 0 {
		return "the arguments"
	}
	return fmt.Sprintf("the argument %q", clipPlace(strings.Join(loc, ".")))
}

// number writes a schema's bound as a plain number.
func number(r *big.Rat) string {
	f, _ := r.Float64()
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// firstLeaf follows the first cause down to the problem itself.
func firstLeaf(ve *jsonschema.ValidationError) *jsonschema.ValidationError {
	for len(ve.Causes) > 0 {
		ve = ve.Causes[0]
	}
	return ve
}

// typeNames names JSON types for a sentence: "a number or a string".
func typeNames(want []string) string {
	names := make([]string, len(want))
	for i, w := range want {
		switch w {
		case "integer":
			names[i] = "an integer"
		case "object", "array":
			names[i] = "an " + w
		case "null":
			names[i] = "null"
		default:
			names[i] = "a " + w
		}
	}
	return strings.Join(names, " or ")
}

// clipPlace cuts s to maxPlaceLen characters.
func clipPlace(s string) string {
	if r := []rune(s); len(r) > maxPlaceLen {
		return string(r[:maxPlaceLen]) + "…"
	}
	return s
}
