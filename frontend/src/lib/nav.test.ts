import { describe, expect, it } from "vitest";
import { shortcutOf, viewAt, viewForShortcut, views } from "./nav.svelte";

describe("viewAt", () => {
  it("moves forward and back", () => {
    expect(viewAt("home", 1)).toBe(views[1].id);
    expect(viewAt(views[1].id, -1)).toBe("home");
  });
  it("wraps around both ends", () => {
    expect(viewAt("home", -1)).toBe(views[views.length - 1].id);
    expect(viewAt(views[views.length - 1].id, 1)).toBe("home");
  });
});

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
