// Package app is Hearth's composition root: it wires the engine, the encrypted
// memory store and the plugin host together, binds the services the desktop
// window calls, and implements the headless command line. It is the only
// package that imports Wails; the core packages (engine, memory, plugins) never
// do, so they build and test without cgo or a display.
package app
