import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/svelte";

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

vi.mock("../../api/chat", () => ({
  search: vi.fn(async (q: string) =>
    q === "lyon" ? [{ conversationId: 2, title: "Moving", messageId: 14, snippet: "…the flat in Lyon…" }] : [],
  ),
}));

import ConversationList from "./ConversationList.svelte";
import * as api from "../../api/chat";

const conv = (id: number, title: string, folder = "", tags: string[] = []) => ({
  id, title, folder, tags, model: "", created: "", updated: "",
});
const conversations = [conv(1, "Groceries"), conv(2, "Moving", "Home", ["flat"]), conv(3, "Boiler", "Home")];

function setup(list = conversations) {
  const onselect = vi.fn();
  const onnew = vi.fn();
  render(ConversationList, { conversations: list, selected: 2, onselect, onnew });
  return { onselect, onnew };
}

describe("ConversationList", () => {
  it("groups conversations by folder, folds a folder away, and marks the open one", async () => {
    const { onselect } = setup();
    const home = screen.getByRole("region", { name: "Folder: Home" });
    expect(within(home).getAllByRole("button").map((b) => b.textContent?.replace(/\s+/g, " ").trim())).toEqual([
      "▾ Home 2", "Moving flat", "Boiler",
    ]);
    expect(within(home).getByRole("button", { name: /Moving/ }).getAttribute("aria-current")).toBe("true");
    await fireEvent.click(within(home).getByRole("button", { name: /Boiler/ }));
    expect(onselect).toHaveBeenCalledWith(3);
    await fireEvent.click(within(home).getByRole("button", { name: /Home/, expanded: true }));
    expect(within(home).queryByText("Boiler")).toBeNull();
  });

  it("lists plainly when no conversation has a folder, and says when there are none", () => {
    setup([conv(1, "Groceries")]);
    expect(screen.queryByRole("region", { name: /Folder/ })).toBeNull();
    expect(screen.getByRole("button", { name: /Groceries/ })).toBeTruthy();
    cleanup();
    setup([]);
    expect(screen.getByText("No chats yet.")).toBeTruthy();
  });

  it("searches as you type, opens a hit at its message, and Escape clears the search", async () => {
    const { onselect } = setup();
    const box = screen.getByRole("searchbox", { name: "Search chats" });
    await fireEvent.input(box, { target: { value: "lyon" } });
    const hit = await screen.findByRole("button", { name: /the flat in Lyon/ });
    expect(api.search).toHaveBeenCalledWith("lyon");
    await fireEvent.click(hit);
    expect(onselect).toHaveBeenCalledWith(2, 14);
    await fireEvent.input(box, { target: { value: "nothing" } });
    expect(await screen.findByText("No chat mentions “nothing”.")).toBeTruthy();
    await fireEvent.keyDown(box, { key: "Escape" });
    expect(screen.queryByRole("list", { name: "Search results" })).toBeNull();
    expect(screen.getByRole("button", { name: /Groceries/ })).toBeTruthy();
  });

  it("starts a new chat", async () => {
    const { onnew } = setup();
    await fireEvent.click(screen.getByRole("button", { name: "New chat" }));
    expect(onnew).toHaveBeenCalled();
  });
});
