// Package tool is the registry of the tools a chat can call: Hearth's own
// built-ins, the tools of the MCP servers the user added and, later, those of
// sandboxed plugins. Every tool is described in the MCP tool shape (name,
// description, input JSON Schema, annotations), labelled with its source and
// trust level, and offered to a model under a sanitised, collision-free name.
//
// The registry decides when a call must be approved by the user (see
// [Policy]), remembers the grants the user gave, and writes one sealed audit
// entry per call. It stores everything through a [Store], a small sealed
// key-value interface that the app implements over the encrypted store.
//
// Decisions worth knowing:
//   - Annotations sent by an MCP server are shown but never lower the bar: a
//     server that says "read-only" is still asked about every time, since the
//     MCP specification says a client must treat untrusted annotations as
//     untrusted.
//   - Only Hearth's own read-only built-ins run without asking.
//   - A tool a provider reports as Blocked (an MCP tool whose description
//     changed since the user accepted it) is refused before anyone is asked,
//     so no approval, --yes included, gets past it.
//   - Arguments are checked against the tool's input JSON Schema in the one
//     call path, before anyone is asked: the model is untrusted, so an
//     invalid call is refused with one sentence naming the first problem
//     and audited as refused. A schema that is too large or does not
//     compile makes its tool uncallable rather than unchecked. Compiled
//     schemas are cached by source, name and schema hash ([Schemas]). A
//     check is bounded: schema size, argument size, and a budget of schema
//     evaluations (the validator re-runs combinator branches, so a hostile
//     schema could otherwise take exponential time on a small argument).
package tool
