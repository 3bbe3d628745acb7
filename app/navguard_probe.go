//go:build navprobe && desktop

package app

import (
	"context"
	"os"
	"strconv"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// navProbe exists only in builds with the navprobe tag, which the
// end-to-end test of the navigation guard makes (frontend/e2e/navguard):
// a moment after the guard is in place, the page tries every way it has
// to leave for HEARTH_NAV_PROBE_URL, as a hostile script would, then sets
// the dark theme through the bindings, which only a page still on the app
// can do.
func navProbe(ctx context.Context) {
	target := os.Getenv("HEARTH_NAV_PROBE_URL")
	if target == "" {
		return
	}
	u := strconv.Quote(target)
	js := `(() => { const u = ` + u + `;
  location.href = u + "href";
  window.open(u + "open");
  const m = document.createElement("meta"); m.httpEquiv = "refresh"; m.content = "0;url=" + u + "meta"; document.head.append(m);
  const f = document.createElement("form"); f.method = "get"; f.action = u + "form"; document.body.append(f); f.submit();
  setTimeout(() => window.go.app.SettingsService.SetTheme("dark"), 2000);
})();`
	go func() {
		time.Sleep(2 * time.Second)
		runtime.WindowExecJS(ctx, js)
	}()
}
