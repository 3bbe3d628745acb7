import { describe, expect, it, vi } from "vitest";

vi.mock("../api/settings", () => ({ theme: vi.fn(async () => "dark") }));

import { applyTheme, loadTheme } from "./theme";

describe("theme", () => {
  it("sets or clears data-theme on the root", () => {
    const root = document.createElement("html");
    applyTheme("dark", root);
    expect(root.getAttribute("data-theme")).toBe("dark");
    applyTheme("light", root);
    expect(root.getAttribute("data-theme")).toBe("light");
    applyTheme("system", root);
    expect(root.hasAttribute("data-theme")).toBe(false);
  });
  it("applies the saved theme at start", async () => {
    expect(await loadTheme()).toBe("dark");
    expect(document.documentElement.getAttribute("data-theme")).toBe("dark");
  });
});
