package app

import (
	"net/url"
	"strings"
)

// The window never leaves the app's own origin. In the window this is
// enforced in three places, each enough alone for what it covers:
//   - the web view itself (navguard_webkit.go on Linux): every navigation
//     and new-window request to another origin is refused by WebKit's
//     decide-policy signal, whatever asked for it (a link, a script, a form,
//     a meta refresh);
//   - the page's Content-Security-Policy (frontend/index.html): no script,
//     frame, object or form target from elsewhere, no <base>;
//   - the frontend (frontend/src/lib/links.ts): clicks on links, form
//     submissions and link drops are stopped before the browser acts, and a
//     link opens in the system browser only after a confirmation.
// Answers cannot carry markup that acts in the first place
// (frontend/src/chat/markdown.ts).

// navigationAllowed says whether the window, which started on start, may
// load uri: only a URI of the same scheme and host (port included), with
// no user information that could disguise another host.
func navigationAllowed(start, uri string) bool {
	s, err := url.Parse(start)
	if err != nil || s.Scheme == "" || s.Host == "" {
		return false
	}
	u, err := url.Parse(uri)
	if err != nil || u.Opaque != "" || u.User != nil {
		return false
	}
	return u.Scheme == s.Scheme && strings.EqualFold(u.Host, s.Host)
}
