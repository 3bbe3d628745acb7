import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";

afterEach(cleanup);

const items = [
  { id: 2, text: "Lives in Lyon", created: "", updated: "",
    source: { byYou: false, conversationId: 7, conversationTitle: "Weekend plans", excerpt: "I moved to Lyon" } },
  { id: 1, text: "Likes tea", created: "", updated: "", source: { byYou: true } },
];
vi.mock("../../api/memory", () => ({
  listMemories: vi.fn(async () => items),
  rememberNew: vi.fn(async () => true),
  setRememberNew: vi.fn(async () => {}),
  addMemory: vi.fn(),
  editMemory: vi.fn(),
  forgetMemory: vi.fn(async () => {}),
}));

import Memory from "./Memory.svelte";
import * as api from "../../api/memory";

describe("Memory", () => {
  it("lists memories with their sources", async () => {
    render(Memory);
    expect(await screen.findByText("Lives in Lyon")).toBeTruthy();
    const sources = screen.getAllByTestId("memory-source").map((e) => e.textContent?.trim());
    expect(sources).toEqual(["From “Weekend plans”: “I moved to Lyon”", "Added by you"]);
  });

  it("forgets only after a confirmation, and switches remembering off", async () => {
    render(Memory);
    await fireEvent.click(await screen.findByRole("button", { name: "Forget “Likes tea”" }));
    expect(api.forgetMemory).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole("button", { name: "Forget" }));
    expect(api.forgetMemory).toHaveBeenCalledWith(1);
    expect(await screen.findByText("Lives in Lyon")).toBeTruthy();
    expect(screen.queryByText("Likes tea")).toBeNull();
    await fireEvent.click(screen.getByRole("switch"));
    expect(api.setRememberNew).toHaveBeenCalledWith(false);
  });
});
