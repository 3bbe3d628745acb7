import { describe, expect, it } from "vitest";
import { views } from "./nav.svelte";
import { commandFor, shortcutOf, viewForShortcut } from "./shortcuts";

describe("viewForShortcut", () => {
  const press = (key: string, mods: Partial<Record<"ctrlKey" | "metaKey" | "altKey" | "shiftKey", boolean>> = { ctrlKey: true }) => ({
    key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods,
  });
  const cases: { name: string; key: ReturnType<typeof press>; want: string | null }[] = [
    { name: "Ctrl+1 is Home", key: press("1"), want: "home" },
    { name: "Ctrl+2 is Chat", key: press("2"), want: "chat" },
    { name: "Ctrl+3 is Memory", key: press("3"), want: "memory" },
    { name: "Ctrl+6 is Models", key: press("6"), want: "models" },
    { name: "Ctrl+7 is Settings", key: press("7"), want: "settings" },
    { name: "Cmd+2 is Chat", key: press("2", { metaKey: true }), want: "chat" },
    { name: "past the last view", key: press("8"), want: null },
    { name: "Ctrl+0", key: press("0"), want: null },
    { name: "a digit alone", key: press("2", {}), want: null },
    { name: "Ctrl+Shift+2", key: press("2", { ctrlKey: true, shiftKey: true }), want: null },
    { name: "Ctrl+Alt+2", key: press("2", { ctrlKey: true, altKey: true }), want: null },
    { name: "Ctrl+K", key: press("k"), want: null },
  ];
  for (const c of cases) it(c.name, () => expect(viewForShortcut(c.key)).toBe(c.want));

  it("names each view's shortcut after its place in the sidebar", () => {
    views.forEach((v, i) => {
      expect(shortcutOf(v.id)).toBe(`Ctrl+${i + 1}`);
      expect(viewForShortcut(press(String(i + 1)))).toBe(v.id);
    });
  });
});

describe("commandFor", () => {
  const press = (key: string, mods: Partial<Record<"ctrlKey" | "metaKey" | "altKey" | "shiftKey", boolean>> = { ctrlKey: true }) => ({
    key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods,
  });
  const cases: { name: string; key: ReturnType<typeof press>; want: unknown }[] = [
    { name: "Ctrl+2 opens Chat", key: press("2"), want: { kind: "open", view: "chat" } },
    { name: "Ctrl+L locks", key: press("l"), want: { kind: "lock" } },
    { name: "Cmd+L locks", key: press("L", { metaKey: true }), want: { kind: "lock" } },
    { name: "Ctrl+K searches chats", key: press("k"), want: { kind: "search-chats" } },
    { name: "Ctrl+N starts a new chat", key: press("n"), want: { kind: "new-chat" } },
    { name: "L alone", key: press("l", {}), want: null },
    { name: "Ctrl+Shift+N", key: press("n", { ctrlKey: true, shiftKey: true }), want: null },
    { name: "Ctrl+J", key: press("j"), want: null },
  ];
  for (const c of cases) it(c.name, () => expect(commandFor(c.key)).toEqual(c.want));
});
