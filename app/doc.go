// Package app is Hearth's composition root: it wires the engine and the
// encrypted memory store together (and the plugin host, once it exists),
// binds the services the desktop window calls, and implements the headless
// command line. It is the only package that imports Wails; the core packages
// (engine, memory) never do, so they build and test without cgo or a display.
package app
