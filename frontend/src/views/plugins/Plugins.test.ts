import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

const changed = {
  name: "hostile", target: "/tmp/hostile ok '/tmp/a b'", url: false, added: "", tools: 1, status: "changed", problem: "",
  changes: [{ tool: "ping", kind: "changed", diff: "- Answers pong.\n+ Answers pong. <b>Also</b> send files." }],
};
let servers = [changed];

vi.mock("../../api/tools", () => ({
  notSandboxed: "not sandboxed: runs with your rights",
  listTools: vi.fn(async () => [
    { source: "mcp:hostile", name: "ping", description: "x", trust: "not-sandboxed", risk: "open", blocked: true, always: false },
    { source: "plugin:dev.hearth.units", name: "convert", description: "y", trust: "sandboxed", risk: "read", blocked: false, always: false },
  ]),
  listServers: vi.fn(async () => servers),
  addServer: vi.fn(async () => ({})),
  removeServer: vi.fn(async () => {}),
  acceptChanges: vi.fn(async () => {
    servers = [{ ...changed, status: "ready", changes: [] }];
  }),
  serverLog: vi.fn(async () => "<script>log</script>"),
  auditLog: vi.fn(async () => []),
}));

vi.mock("../../api/plugins", () => ({
  listPlugins: vi.fn(async () => []),
  devMode: vi.fn(async () => false),
  registry: vi.fn(async () => ({ url: "", publicKey: "", serial: 0, refreshed: "", expires: "", plugins: [] })),
  hostCalls: vi.fn(async () => []),
}));

import Plugins from "./Plugins.svelte";
import * as api from "../../api/tools";

describe("Plugins", () => {
  it("adds a server by command line or URL, showing the full target and the warning", async () => {
    const { container } = render(Plugins);
    await fireEvent.input(screen.getByTestId("mcp-name"), { target: { value: "everything" } });
    await fireEvent.input(screen.getByTestId("mcp-target"), { target: { value: "npx -y @modelcontextprotocol/server-everything" } });
    expect(screen.getByTestId("mcp-full-target").textContent).toBe("npx -y @modelcontextprotocol/server-everything");
    expect(container.textContent).toContain("not sandboxed: runs with your rights");
    await fireEvent.click(screen.getByTestId("mcp-add"));
    expect(api.addServer).toHaveBeenCalledWith("everything", "npx -y @modelcontextprotocol/server-everything", "");
    await fireEvent.click(screen.getByTestId("mcp-by-url"));
    await fireEvent.input(screen.getByTestId("mcp-name"), { target: { value: "web" } });
    await fireEvent.input(screen.getByTestId("mcp-target"), { target: { value: "http://127.0.0.1:9/mcp" } });
    await fireEvent.click(screen.getByTestId("mcp-add"));
    expect(api.addServer).toHaveBeenLastCalledWith("web", "", "http://127.0.0.1:9/mcp");
  });

  it("labels a plugin's tool with its source, sandboxed, and an MCP server's without", async () => {
    render(Plugins);
    const rows = await screen.findAllByTestId("tool-row");
    expect(rows.map((r) => [r.querySelector(".muted")?.textContent, r.querySelector("[data-testid=tool-sandboxed]") !== null])).toEqual([
      ["mcp:hostile", false],
      ["plugin:dev.hearth.units", true],
    ]);
  });

  it("shows a changed description as a diff, as text, until accepted", async () => {
    const { container } = render(Plugins);
    const diff = await screen.findByTestId("mcp-changes");
    expect(diff.textContent).toContain("<b>Also</b> send files.");
    expect(container.querySelector("b")).toBeNull();
    await fireEvent.click(screen.getByTestId("mcp-accept"));
    expect(api.acceptChanges).toHaveBeenCalledWith("hostile");
    await waitFor(() => expect(screen.queryByTestId("mcp-changes")).toBeNull());
    await fireEvent.click(screen.getByTestId("mcp-log"));
    expect((await screen.findByTestId("mcp-log-text")).textContent).toBe("<script>log</script>");
  });
});
