package manifest

import "github.com/hearth-app/hearth/plugins/internal/display"

// checkText checks a free-text field shown to the user (see package
// display); a description may hold line breaks and tabs.
func checkText(field, s string, max int, multiline bool) error {
	if problem := display.Check(s, max, multiline); problem != "" {
		return invalid("the %s %s", field, problem)
	}
	return nil
}
