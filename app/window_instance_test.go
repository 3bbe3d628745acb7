package app

import (
	"regexp"
	"testing"
)

func TestInstanceID(t *testing.T) {
	valid := regexp.MustCompile(`^[a-z][a-z0-9_]{1,60}$`)
	a, b := instanceID("/home/u/.local/share/Hearth"), instanceID("/home/u/.local/share/Hearth/")
	c := instanceID("/tmp/other-home")
	if a != b {
		t.Errorf("one data directory gives two ids: %q, %q", a, b)
	}
	if a == c {
		t.Errorf("two data directories share the id %q", a)
	}
	for _, id := range []string{a, c} {
		if !valid.MatchString(id) {
			t.Errorf("id %q is not a valid D-Bus name element", id)
		}
	}
}
