//go:build desktop || bindings

package app

import (
	"context"
	"fmt"
	"io/fs"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// RunWindow opens Hearth's desktop window with the frontend in assets
// (embedded frontend/dist) and blocks until it is closed.
func RunWindow(assets Assets) error {
	dist, err := fs.Sub(assets.UI, "frontend/dist")
	if err != nil {
		return fmt.Errorf("window: %w", err)
	}
	svc, err := newServices()
	if err != nil {
		return fmt.Errorf("window: %w", err)
	}
	return wails.Run(&options.App{
		Title:            "Hearth",
		Width:            1100,
		Height:           760,
		MinWidth:         800,
		MinHeight:        600,
		BackgroundColour: &options.RGBA{R: 250, G: 247, B: 242, A: 255},
		AssetServer:      &assetserver.Options{Assets: dist},
		OnStartup:        func(ctx context.Context) { svc.events.attach(ctx, runtime.EventsEmit) },
		OnDomReady:       onDomReady,
		OnShutdown:       func(context.Context) { svc.close() },
		Bind:             svc.bound(),
		Linux:            &linux.Options{ProgramName: "hearth", Icon: assets.Icon},
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId:               instanceID(dataDirOf(svc.vault)),
			OnSecondInstanceLaunch: func(options.SecondInstanceData) { raiseWindow(svc.events) },
		},
	})
}

// raiseWindow brings the window to the front when Hearth is launched again
// over the same data: the second launch exits, this window shows itself.
func raiseWindow(ev *windowEvents) {
	ctx, ok := ev.context()
	if !ok {
		return
	}
	runtime.WindowUnminimise(ctx)
	runtime.WindowShow(ctx)
	// Window managers refuse to hand focus to a window that asks for it;
	// keeping it above for a moment puts it in front of the launcher.
	runtime.WindowSetAlwaysOnTop(ctx, true)
	runtime.WindowSetAlwaysOnTop(ctx, false)
}

// onDomReady locks the web view to the app's origin once the app has loaded
// (see navguard.go).
func onDomReady(ctx context.Context) {
	guardNavigation()
	navProbe(ctx)
}
