import { describe, expect, it } from "vitest";
import type { Prompt } from "../../api/plugins";
import { capabilityWords, removedCapabilities, sheetCapabilities, sheetTitle, signer, unsignedMark } from "./sheet";

const base: Prompt = {
  id: "dev.hearth.units", name: "Units", version: "1.1.0", author: "The Hearth developers", description: "", license: "MIT",
  capabilities: [], tools: [], limits: { memory_mb: 32, timeout_ms: 2000, output_kb: 16 },
  key_id: "3F834912DC9C0C80", new_key: true, unsigned: false, update: false, wider: false, sha256: "", size: 0,
};

const update: Prompt = {
  ...base, update: true, wider: true, new_key: false, from_version: "1.0.0",
  capabilities: [
    { name: "notify", reason: "Says when it is done." },
    { name: "memory:read", reason: "Finds the units you use most." },
    { name: "net:fetch", reason: "Fetches rates.", hosts: ["rates.example.com", "api.example.org"] },
  ],
  diff: [
    { kind: "added", capability: "memory:read", reason: "Finds the units you use most." },
    { kind: "hosts", capability: "net:fetch", reason: "Fetches rates.", hosts: ["api.example.org"] },
    { kind: "removed", capability: "secrets" },
  ],
};

describe("the permission sheet's wording", () => {
  it("names every capability with the plugin's reason, and marks what an update adds", () => {
    const caps = sheetCapabilities(update);
    expect(caps.map((c) => [c.name, c.reason, c.isNew])).toEqual([
      ["notify", "Says when it is done.", false],
      ["memory:read", "Finds the units you use most.", true],
      ["net:fetch", "Fetches rates.", false],
    ]);
    expect(caps[2].hosts).toEqual(["rates.example.com", "api.example.org"]);
    expect(caps[2].newHosts).toEqual(["api.example.org"]);
    expect(caps[1].words).toBe(capabilityWords("memory:read"));
    expect(removedCapabilities(update)).toEqual(["secrets"]);
  });

  it("marks nothing as new on a first install", () => {
    const first = { ...update, update: false, wider: false };
    expect(sheetCapabilities(first).some((c) => c.isNew || c.newHosts.length > 0)).toBe(false);
    expect(removedCapabilities(first)).toEqual([]);
    expect(sheetTitle(first)).toBe("Install Units 1.1.0?");
  });

  it("says an update asks for new permissions only when it does", () => {
    expect(sheetTitle(update)).toBe("Units 1.1.0 asks for new permissions");
    expect(sheetTitle({ ...update, wider: false })).toBe("Update Units from 1.0.0 to 1.1.0?");
  });

  it("marks an unsigned plugin and names the key of a signed one", () => {
    expect(signer({ ...base, unsigned: true, key_id: "" })).toEqual({ text: `${unsignedMark}: nobody vouches for this code`, warn: true });
    expect(signer(base).text).toContain("3F834912DC9C0C80");
    expect(signer(base).text).toContain("new to Hearth");
    expect(signer({ ...base, new_key: false }).text).toContain("the key you accepted before");
    expect(signer(base).warn).toBe(false);
  });

  it("does not pretend to know a capability it does not", () => {
    expect(capabilityWords("disk:format")).toBe("An unknown capability");
  });
});
