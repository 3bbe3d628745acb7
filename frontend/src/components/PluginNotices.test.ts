import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import type { PluginNotice } from "../api/plugins";

let emit: (n: PluginNotice) => void = () => {};
vi.mock("../api/plugins", () => ({
  onPluginNotice: vi.fn((fn: (n: PluginNotice) => void) => {
    emit = fn;
    return () => {};
  }),
}));

import { tick } from "svelte";
import PluginNotices from "./PluginNotices.svelte";

afterEach(cleanup);

describe("PluginNotices", () => {
  it("shows a plugin's notice as text, labelled with the plugin, until dismissed", async () => {
    const { container } = render(PluginNotices);
    emit({ plugin: "dev.hearth.units", title: "<b>Done</b>", body: "<img src=x onerror=alert(1)>" });
    await tick();
    const n = screen.getByTestId("plugin-notice");
    expect(n.textContent).toContain("Plugin dev.hearth.units");
    expect(n.textContent).toContain("<b>Done</b>");
    expect(container.querySelector("b, img")).toBeNull();
    await fireEvent.click(screen.getByTestId("plugin-notice-dismiss"));
    expect(screen.queryByTestId("plugin-notice")).toBeNull();
  });

  it("keeps only the newest three", async () => {
    render(PluginNotices);
    for (const i of [1, 2, 3, 4, 5]) emit({ plugin: "p", title: `n${i}`, body: "" });
    await tick();
    expect(screen.getAllByTestId("plugin-notice").map((n) => n.querySelector(".title")?.textContent)).toEqual(["n3", "n4", "n5"]);
  });
});
