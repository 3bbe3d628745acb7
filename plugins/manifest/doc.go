// Package manifest reads and checks plugin.json, the manifest of a Hearth
// plugin: who the plugin is (id, name, version, author), what it runs (the
// .wasm entry and the sha256 of every file in its zip), what it may do
// (capabilities, each with the reason the user is shown), the tools it
// offers the model (with JSON Schemas for their arguments) and the limits it
// runs under.
//
// A manifest comes from a stranger, so [Parse] is strict and bounded: at most
// 256 KiB, exactly one JSON object, no unknown or duplicated fields, and
// [Manifest.Validate] checks every field against the rules written in
// plugins/FORMAT.md, bounding every string and list. Its errors wrap
// [ErrInvalid] and say in one sentence what is wrong.
//
// [Diff] and [Manifest.Wider] compare the capabilities of two versions of a
// plugin, so an update that asks for more than the user granted is shown
// before it is installed.
package manifest
