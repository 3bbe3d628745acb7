import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import type { InstallSheet, Prompt } from "../../api/plugins";
import PermissionSheet from "./PermissionSheet.svelte";

afterEach(cleanup);

const prompt: Prompt = {
  id: "dev.hearth.units", name: "Units", version: "1.1.0", author: "The Hearth developers",
  description: "Converts <b>units</b>.", license: "MIT",
  capabilities: [
    { name: "memory:read", reason: "Finds the units <i>you</i> use most." },
    { name: "net:fetch", reason: "Fetches rates.", hosts: ["rates.example.com", "api.example.org"] },
  ],
  tools: [{ name: "convert", description: "Convert a value.", read_only: true }],
  limits: { memory_mb: 32, timeout_ms: 2000, output_kb: 16 },
  key_id: "3F834912DC9C0C80", new_key: true, unsigned: false, update: false, wider: false, sha256: "ab", size: 963593,
};
const sheet = (p: Partial<Prompt>): InstallSheet => ({ token: "t", from: "units.zip", prompt: { ...prompt, ...p } });

describe("PermissionSheet", () => {
  it("lists each capability with its reason and hosts, the tools and the signer, as text", async () => {
    const oninstall = vi.fn();
    const oncancel = vi.fn();
    const { container } = render(PermissionSheet, { sheet: sheet({}), oninstall, oncancel });
    const caps = screen.getAllByTestId("sheet-cap");
    expect(caps.map((c) => c.dataset.cap)).toEqual(["memory:read", "net:fetch"]);
    expect(screen.getAllByTestId("sheet-reason").map((r) => r.textContent)).toEqual([
      "“Finds the units <i>you</i> use most.”",
      "“Fetches rates.”",
    ]);
    expect(screen.getAllByTestId("sheet-host").map((h) => h.textContent)).toEqual(["rates.example.com", "api.example.org"]);
    expect(container.querySelector("i, b")).toBeNull();
    expect(screen.getByTestId("sheet-signer").textContent).toContain("3F834912DC9C0C80");
    expect(screen.getByTestId("sheet-tool").textContent).toContain("convert");
    expect(screen.queryByTestId("sheet-cap-new")).toBeNull();
    await fireEvent.click(screen.getByTestId("sheet-install"));
    expect(oninstall).toHaveBeenCalledOnce();
    await fireEvent.click(screen.getByTestId("sheet-cancel"));
    expect(oncancel).toHaveBeenCalledOnce();
  });

  it("marks an unsigned plugin as developer mode, as a warning", () => {
    render(PermissionSheet, { sheet: sheet({ unsigned: true, key_id: "", new_key: false }), oninstall: () => {}, oncancel: () => {} });
    const who = screen.getByTestId("sheet-signer");
    expect(who.textContent).toContain("unsigned — developer mode");
    expect(who.classList.contains("warn")).toBe(true);
  });

  it("highlights what an update adds and lists what it gives up", () => {
    const p = sheet({
      update: true, wider: true, new_key: false, from_version: "1.0.0",
      diff: [
        { kind: "added", capability: "memory:read", reason: "Finds the units you use most." },
        { kind: "hosts", capability: "net:fetch", reason: "Fetches rates.", hosts: ["api.example.org"] },
        { kind: "removed", capability: "notify" },
      ],
    });
    render(PermissionSheet, { sheet: p, oninstall: () => {}, oncancel: () => {} });
    expect(screen.getByTestId("sheet-title").textContent).toBe("Units 1.1.0 asks for new permissions");
    expect(screen.getByTestId("sheet-wider")).toBeTruthy();
    expect(screen.getByTestId("sheet-version").textContent?.trim()).toBe("1.0.0 → 1.1.0");
    const [memory, net] = screen.getAllByTestId("sheet-cap");
    expect(memory.classList.contains("added")).toBe(true);
    expect(net.classList.contains("added")).toBe(false);
    const hosts = screen.getAllByTestId("sheet-host");
    expect(hosts.filter((h) => h.classList.contains("added")).map((h) => h.textContent)).toEqual(["api.example.org"]);
    expect(screen.getByTestId("sheet-removed").textContent).toContain("notify");
    expect(screen.getByTestId("sheet-install").textContent?.trim()).toBe("Update");
  });
});
