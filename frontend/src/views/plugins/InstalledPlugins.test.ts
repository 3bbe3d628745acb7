import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import type { AuditEntry, InstallSheet, Plugin } from "../../api/plugins";

const units: Plugin = {
  id: "dev.hearth.units", name: "Units", version: "1.0.0", author: "The Hearth developers", description: "", license: "MIT",
  enabled: true, signed: true, key_id: "3F834912DC9C0C80", capabilities: [{ name: "notify", reason: "Says <b>done</b>." }],
  tools: [{ name: "convert", description: "" }], origin: "file", installed: "", updated: "", sha256: "", size: 1, label: "enabled", revoked: "",
};
const sheet: InstallSheet = {
  token: "tok", from: "units.zip",
  prompt: {
    id: units.id, name: "Units", version: "1.0.0", author: units.author, description: "", license: "MIT",
    capabilities: units.capabilities, tools: [{ name: "convert", description: "" }], limits: { memory_mb: 32, timeout_ms: 2000 },
    key_id: units.key_id, new_key: true, unsigned: false, update: false, wider: false, sha256: "", size: 1,
  },
};
let installed: Plugin[] = [];
let audit: AuditEntry[] = [];

vi.mock("../../api/plugins", () => ({
  listPlugins: vi.fn(async () => installed),
  devMode: vi.fn(async () => false),
  inspectFile: vi.fn(async () => sheet),
  inspectRegistry: vi.fn(async () => sheet),
  inspectURL: vi.fn(async () => sheet),
  install: vi.fn(async () => {
    installed = [units];
    return units;
  }),
  cancelSheet: vi.fn(async () => {}),
  enablePlugin: vi.fn(async () => {}),
  disablePlugin: vi.fn(async () => {}),
  removePlugin: vi.fn(async () => {}),
  setDevMode: vi.fn(async () => {}),
  registry: vi.fn(async () => ({
    url: "https://plugins.example.com/index.json", publicKey: "RWkey", serial: 3, refreshed: "2026-01-01T00:00:00Z",
    expires: "2026-02-01T00:00:00Z",
    plugins: [{ id: "dev.hearth.fetch", name: "Fetch", description: "", author: "x", latest: "1.0.0", installed: "" }],
  })),
  setRegistry: vi.fn(async () => {}),
  refreshRegistry: vi.fn(async () => ({ serial: 4, expires: "", revoked: [], yanked: [] })),
  hostCalls: vi.fn(async () => audit),
}));

import InstalledPlugins from "./InstalledPlugins.svelte";
import HostCalls from "./HostCalls.svelte";
import * as api from "../../api/plugins";

beforeEach(() => {
  installed = [];
  audit = [];
});
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe("InstalledPlugins", () => {
  it("installs nothing until Install on the sheet, then lists the plugin with its grant", async () => {
    render(InstalledPlugins);
    await fireEvent.click(await screen.findByTestId("plugin-install-file"));
    await screen.findByTestId("plugin-sheet");
    expect(api.install).not.toHaveBeenCalled();
    expect(screen.queryByTestId("plugin-row")).toBeNull();
    await fireEvent.click(screen.getByTestId("sheet-install"));
    expect(api.install).toHaveBeenCalledWith("tok");
    const row = await screen.findByTestId("plugin-row");
    await waitFor(() => expect(screen.queryByTestId("plugin-sheet")).toBeNull());
    expect(screen.getByTestId("plugin-caps").textContent).toContain("Says <b>done</b>.");
    expect(row.querySelector("b")).toBeNull();
  });

  it("forgets the sheet on Cancel, and shows none for a cancelled file dialog", async () => {
    render(InstalledPlugins);
    await fireEvent.click(await screen.findByTestId("plugin-install-file"));
    await fireEvent.click(await screen.findByTestId("sheet-cancel"));
    expect(api.cancelSheet).toHaveBeenCalledWith("tok");
    expect(api.install).not.toHaveBeenCalled();
    expect(screen.queryByTestId("plugin-sheet")).toBeNull();
    vi.mocked(api.inspectFile).mockResolvedValueOnce({ ...sheet, token: "" });
    await fireEvent.click(screen.getByTestId("plugin-install-file"));
    await waitFor(() => expect(api.inspectFile).toHaveBeenCalledTimes(2));
    expect(screen.queryByTestId("plugin-sheet")).toBeNull();
  });

  it("marks revoked and unsigned plugins, and a revoked one cannot be enabled", async () => {
    installed = [{ ...units, enabled: false, signed: false, key_id: "", revoked: "steals API keys" }];
    render(InstalledPlugins);
    expect((await screen.findByTestId("plugin-revoked")).textContent).toContain("steals API keys");
    expect(screen.getByTestId("plugin-unsigned").textContent).toBe("unsigned — developer mode");
    expect((screen.getByTestId("plugin-enable") as HTMLButtonElement).disabled).toBe(true);
  });

  it("downloads from an address through the same sheet", async () => {
    render(InstalledPlugins);
    await fireEvent.input(await screen.findByTestId("plugin-url"), { target: { value: "https://example.com/units.zip" } });
    await fireEvent.click(screen.getByTestId("plugin-install-url"));
    expect(api.inspectURL).toHaveBeenCalledWith("https://example.com/units.zip");
    await screen.findByTestId("plugin-sheet");
    expect(api.install).not.toHaveBeenCalled();
  });

  it("installs from the registry through the same sheet", async () => {
    render(InstalledPlugins);
    await fireEvent.click(await screen.findByTestId("registry-install"));
    expect(api.inspectRegistry).toHaveBeenCalledWith("dev.hearth.fetch");
    await screen.findByTestId("plugin-sheet");
    expect(api.install).not.toHaveBeenCalled();
  });

  it("shows the registry's plugin as installed as soon as the sheet installs it, and offers it again once removed", async () => {
    const fetchPlugin: Plugin = { ...units, id: "dev.hearth.fetch", name: "Fetch", origin: "registry" };
    vi.mocked(api.install).mockImplementationOnce(async () => {
      installed = [fetchPlugin];
      return fetchPlugin;
    });
    render(InstalledPlugins);
    await fireEvent.click(await screen.findByTestId("registry-install"));
    await fireEvent.click(await screen.findByTestId("sheet-install"));
    expect((await screen.findByTestId("registry-installed")).textContent).toBe("1.0.0 installed");
    expect(screen.queryByTestId("registry-install")).toBeNull();
    expect(api.registry).toHaveBeenCalledTimes(1);
    vi.mocked(api.removePlugin).mockImplementationOnce(async () => {
      installed = [];
    });
    await fireEvent.click(screen.getByTestId("plugin-remove"));
    expect((await screen.findByTestId("registry-install")).textContent).toContain("Install 1.0.0");
  });
});

describe("HostCalls", () => {
  it("shows denied host calls apart", async () => {
    audit = [
      { time: "2026-01-01T00:00:00Z", plugin: "p", function: "net_fetch", capability: "net:fetch", allowed: false, detail: "evil.example" },
      { time: "2026-01-01T00:00:00Z", plugin: "p", function: "log", allowed: true },
    ];
    render(HostCalls);
    const rows = await screen.findAllByTestId("host-call-row");
    expect(rows.map((r) => r.classList.contains("denied"))).toEqual([true, false]);
    expect(rows[0].lastElementChild?.textContent).toBe("denied · evil.example");
    await fireEvent.click(screen.getByTestId("host-calls-denied"));
    await waitFor(() => expect(screen.getAllByTestId("host-call-row")).toHaveLength(1));
  });
});
