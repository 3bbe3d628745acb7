//go:build !dev

package app

// devBuild reports a Wails dev build (-tags dev), whose window takes its own
// flags (-devserver, -assetdir, ...).
const devBuild = false
