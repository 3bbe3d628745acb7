// Package manager installs, updates, lists and runs the user's WebAssembly
// plugins. It sits on the plugin host (package host), the zip bundle and its
// signature (package bundle), the manifest (package manifest) and the signed
// registry index (package registry), and offers every enabled plugin's tools
// to the tool registry (package tool) as one tool.Provider each.
//
// Everything it keeps goes through a tool.Store, which the app seals in the
// encrypted store: the installed zips themselves, and per plugin whether it
// is enabled, the author key pinned at first install, the capabilities the
// user granted, whether it came in unsigned under developer mode and why it
// was revoked; the registry's URL, key and last verified serial; the
// developer-mode switch; the plugins' secrets; a bounded audit log.
//
// Decisions worth knowing:
//   - An install runs its checks in a fixed order (zip safety and hashes,
//     signature, API and Hearth versions, the module's imports and exports,
//     the pinned key) and only then asks the user, through an Approver, with
//     everything the plugin asks for. Nothing of the plugin runs before the
//     user said yes, and a refused or failed install leaves the version
//     installed before it in place and working.
//   - An update signed by another key than the pinned one is refused before
//     anyone is asked: no answer gets past it.
//   - The grant is all or nothing: the capabilities of the accepted manifest.
//     An update that asks for more shows the difference (Prompt.Diff) and
//     asks again.
//   - A plugin's tools are judged from its manifest, never trusted to lower
//     the bar: a net:fetch capability or a destructive hint makes every tool
//     of that kind RiskOpen even when it also says read-only.
//   - Refresh fails closed: an index that is expired, rolled back or badly
//     signed changes nothing and says so in one sentence.
package manager
