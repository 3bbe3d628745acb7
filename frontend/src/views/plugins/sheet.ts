// What the permission sheet and the plugin list say about a plugin: its
// signer, each capability in words with the plugin's reason, and for an
// update what it asks for beyond what was granted. Pure functions, so the
// wording is tested without a window.
import type { Capability, Change, Prompt } from "../../api/plugins";

/** unsignedMark is how an unsigned plugin is marked wherever it is shown. */
export const unsignedMark = "unsigned — developer mode";

/** capabilityWords says in words what a capability lets a plugin do. */
export function capabilityWords(name: string): string {
  switch (name) {
    case "memory:read":
      return "Read your memories and documents";
    case "memory:write":
      return "Add memories";
    case "net:fetch":
      return "Reach these hosts on the internet";
    case "llm:generate":
      return "Ask your model to write text";
    case "notify":
      return "Show you notices";
    case "secrets":
      return "Keep secrets of its own (e.g. an API key)";
    case "files:pick":
      return "Ask you for a file and read the one you pick";
  }
  return "An unknown capability";
}

/** SheetCapability is one capability as the sheet lists it. */
export interface SheetCapability {
  name: string;
  words: string;
  reason: string;
  hosts: string[];
  /** isNew: an update asks for it and it was not granted. */
  isNew: boolean;
  /** newHosts are the hosts an update asks for that were not granted. */
  newHosts: string[];
}

/** sheetCapabilities lists what p asks for, marking what an update adds. */
export function sheetCapabilities(p: Prompt): SheetCapability[] {
  const diff = p.update ? (p.diff ?? []) : [];
  return (p.capabilities ?? []).map((c: Capability) => {
    const added = diff.find((d: Change) => d.kind === "added" && d.capability === c.name);
    const hosts = diff.find((d: Change) => d.kind === "hosts" && d.capability === c.name);
    const all = c.hosts ?? [];
    return {
      name: c.name,
      words: capabilityWords(c.name),
      reason: c.reason,
      hosts: all,
      isNew: added !== undefined,
      newHosts: added ? all : (hosts?.hosts ?? []),
    };
  });
}

/** removedCapabilities are the capabilities an update no longer asks for. */
export function removedCapabilities(p: Prompt): string[] {
  if (!p.update) return [];
  return (p.diff ?? []).filter((d) => d.kind === "removed").map((d) => d.capability);
}

/** sheetTitle is the sheet's heading. */
export function sheetTitle(p: Prompt): string {
  if (!p.update) return `Install ${p.name} ${p.version}?`;
  if (p.wider) return `${p.name} ${p.version} asks for new permissions`;
  return `Update ${p.name} from ${p.from_version} to ${p.version}?`;
}

/** Signer says who vouches for a plugin, and whether to warn. */
export interface Signer {
  text: string;
  warn: boolean;
}

/** signer describes the signature of the plugin p asks about. */
export function signer(p: Prompt): Signer {
  if (p.unsigned || !p.key_id) return { text: `${unsignedMark}: nobody vouches for this code`, warn: true };
  if (p.new_key) {
    return { text: `Signed by key ${p.key_id}, new to Hearth: installing trusts it, and updates must be signed by it`, warn: false };
  }
  return { text: `Signed by key ${p.key_id}, the key you accepted before`, warn: false };
}

/** byteSize writes a size in bytes for people. */
export function byteSize(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
