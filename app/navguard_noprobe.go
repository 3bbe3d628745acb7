//go:build !navprobe && (desktop || bindings)

package app

import "context"

// navProbe does nothing outside the navigation guard's test build.
func navProbe(context.Context) {}
