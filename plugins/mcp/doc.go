// Package mcp connects Hearth to the MCP servers the user adds, over stdio
// (a command Hearth starts) or streamable HTTP (a URL), with
// github.com/modelcontextprotocol/go-sdk, and offers their tools to the
// tool registry (package tool).
//
// An MCP server is not sandboxed: it runs with the user's rights. What this
// package guards against is a server that misbehaves or turns hostile:
//   - The tool descriptions and schemas the user accepted are pinned by
//     hash. A later change is reported as a diff and the changed tools are
//     blocked until the user accepts them again ([Manager.Trust]).
//   - Every message from a server is bounded in size, every call in time;
//     stderr is kept in a bounded log; notifications are dropped, never
//     queued.
//   - Servers start on demand and stop when idle.
//   - Elicitation requests go to a callback that shows them to the user;
//     without one they are declined, never answered automatically.
//
// Server configurations, pins and logs are stored through a tool.Store, which
// the app seals in the encrypted store.
package mcp
