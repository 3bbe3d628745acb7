package strictjson_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/plugins/internal/strictjson"
)

type target struct {
	A     string         `json:"a"`
	B     []int          `json:"b"`
	Inner map[string]any `json:"inner"`
}

func TestDecode(t *testing.T) {
	cases := []struct {
		name, data string
		max        int
		want       string // "" = accepted
	}{
		{"good", `{"a":"x","b":[1,2],"inner":{"a":1,"b":{"a":2}}}`, 100, ""},
		{"same name in sibling objects", `{"inner":{"x":{"k":1},"y":{"k":2}}}`, 100, ""},
		{"same name after an array", `{"inner":{"x":[{"k":1},{"k":2}],"k":3}}`, 100, ""},
		{"duplicate", `{"a":"x","a":"y"}`, 100, "appears twice"},
		{"duplicate case folded", `{"a":"x","A":"y"}`, 100, "appears twice"},
		{"duplicate long s", `{"inner":{"s":1,"ſ":2}}`, 100, "appears twice"},
		{"duplicate nested", `{"inner":{"x":[{"k":1,"k":2}]}}`, 100, "appears twice"},
		{"unknown", `{"c":1}`, 100, `the field "c" is not known`},
		{"wrong type", `{"b":"x"}`, 100, "wrong type"},
		{"trailing value", `{} {}`, 100, "more than one value"},
		{"trailing garbage", `{} x`, 100, "malformed"},
		{"truncated", `{"a":`, 100, "ends too early"},
		{"too large", `{"a":"xxxxxxxxxx"}`, 10, "too large"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var v target
			err := strictjson.Decode([]byte(c.data), c.max, &v)
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("Decode: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Fatalf("Decode = %v, want an error saying %q", err, c.want)
			}
		})
	}
	var v target
	if err := strictjson.Decode([]byte(`{"a":"xxxxxxxxxx"}`), 10, &v); !errors.Is(err, strictjson.ErrTooLarge) {
		t.Errorf("too large: %v is not ErrTooLarge", err)
	}
}
