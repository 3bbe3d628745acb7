// Package host runs Hearth's community plugins: WebAssembly modules that
// follow the plugin ABI (plugins/ABI.md), on wazero, in a sandbox that
// offers only what the user granted.
//
// A Host owns one wazero runtime with a compilation cache (on disk when
// Config.CacheDir is set). Load compiles a plugin, checks its imports and
// exports against the ABI and makes its first instance; Call runs one tool
// in an instance from the plugin's small pool.
//
// What the sandbox guards:
//   - Capabilities. Every function of module hearth except log and take
//     needs a capability, checked against the plugin's grants at the
//     moment of the call (SetCapabilities changes them without a reload).
//     A call without it answers permission_denied. Every call of these
//     functions, allowed or denied, is reported to Config.Audit; log and
//     take are plumbing and are not (a plugin could flood the audit log
//     with them).
//   - WASI. wasi_snapshot_preview1 is served with no directories mounted
//     (every path fails), no arguments, no environment, wazero's fake
//     clocks (time starts at a fixed date and moves 1 ms per reading; sleep
//     returns at once) and a deterministic random source. stdout and
//     stderr go to the plugin's log, which keeps the last 64 KiB.
//   - Memory. Each instance's linear memory grows only up to
//     Limits.MemoryMB; a plugin that asks for more gets a failed grow, and
//     a call that then fails ends with ErrMemoryLimit.
//   - Time. A call runs under Limits.TimeoutMS; wazero stops the guest
//     (WithCloseOnContextDone) and the call ends with ErrTimeout.
//   - Sizes. Requests read from a plugin's memory are at most 1 MiB, the
//     answers left for it at most 8 MiB, and a tool's response at most
//     Limits.OutputKB.
//   - Network. net_fetch reaches https URLs on the hosts of the net:fetch
//     grant only (exact names, case-insensitive, or "*.example.com" for the
//     names below example.com). The address a connection goes to is checked
//     after name resolution, at the socket: loopback, private, link-local
//     (cloud metadata at 169.254.169.254 included), unspecified, multicast,
//     carrier-grade NAT and other special ranges are refused, also in their
//     IPv4-mapped IPv6 forms, so a listed name that resolves to such an
//     address is refused too. Redirects are followed (at most 5) only to
//     URLs the grant allows. Proxy settings from the environment are
//     ignored. A fetch takes at most 15 s and reads at most 1 MiB of body.
//
// What it does not guard: the CPU a plugin uses within its time limit;
// what the user's own services (Services) do with a plugin's requests;
// what a plugin sends to a host it was granted; the truth of a plugin's
// answers, which callers treat as untrusted text. The host never passes
// the text of a service's error to a plugin.
//
// Errors from Load and Call are one sentence for the user, matching one of
// the package's sentinel errors with errors.Is.
package host
