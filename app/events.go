package app

import (
	"context"
	"sync/atomic"
)

// Events carries notices from the Go services to the window: tokens of an
// answer as they come, download progress, the store locking itself. In the
// desktop build they are Wails events; without a window they go nowhere.
type Events interface {
	Emit(name string, data any)
}

// Event names the window listens to.
const (
	EventLocked = "vault:locked" // the store locked itself (auto-lock) or was locked

	EventModelsProgress = "models:progress" // a download moved: DownloadProgress
	EventModelsDone     = "models:done"     // a download finished: DownloadDone
	EventModelsError    = "models:error"    // a download failed or was cancelled: DownloadFailed
)

// windowEvents forwards events to the window once it has started; before
// that (and in headless builds) they are dropped.
type windowEvents struct {
	emit atomic.Pointer[func(ctx context.Context, name string, data ...any)]
	ctx  atomic.Pointer[context.Context]
}

// attach starts forwarding events through emit with the window's context.
func (w *windowEvents) attach(ctx context.Context, emit func(ctx context.Context, name string, data ...any)) {
	w.ctx.Store(&ctx)
	w.emit.Store(&emit)
}

// Emit sends one event to the window.
func (w *windowEvents) Emit(name string, data any) {
	emit, ctx := w.emit.Load(), w.ctx.Load()
	if emit == nil || ctx == nil {
		return
	}
	(*emit)(*ctx, name, data)
}

// context returns the window's context once it has started (the native
// dialogs need it).
func (w *windowEvents) context() (context.Context, bool) {
	ctx := w.ctx.Load()
	if ctx == nil {
		return nil, false
	}
	return *ctx, true
}
