import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

vi.mock("../../api/chat", () => ({
  setFolder: vi.fn(async () => {}),
  exportAs: vi.fn(async () => "/home/me/Trip.md"),
  rename: vi.fn(),
  setTags: vi.fn(),
  remove: vi.fn(),
}));

import ConversationMenu from "./ConversationMenu.svelte";
import * as api from "../../api/chat";

const conversation = { id: 4, title: "Trip", folder: "", tags: [], model: "", created: "", updated: "" };

function setup(folders: string[]) {
  const onchanged = vi.fn();
  const onnotice = vi.fn();
  render(ConversationMenu, { conversation, folders, through: 9, onchanged, ondeleted: () => {}, onnotice });
  return { onchanged, onnotice };
}

describe("ConversationMenu", () => {
  it("moves a conversation to an existing folder", async () => {
    const { onchanged } = setup(["Ideas", "Work"]);
    await fireEvent.click(screen.getByRole("button", { name: "Move to folder…" }));
    const select = screen.getByLabelText("Folder") as HTMLSelectElement;
    expect([...select.options].map((o) => o.text)).toEqual(["No folder", "Ideas", "Work", "New folder…"]);
    await fireEvent.change(select, { target: { value: "Work" } });
    await fireEvent.click(screen.getByRole("button", { name: "Move" }));
    expect(api.setFolder).toHaveBeenCalledWith(4, "Work");
    expect(onchanged).toHaveBeenCalled();
  });

  it("moves to a new folder, and asks for its name when blank", async () => {
    setup([]);
    await fireEvent.click(screen.getByRole("button", { name: "Move to folder…" }));
    await fireEvent.click(screen.getByRole("button", { name: "Move" }));
    expect(screen.getByRole("alert").textContent).toBe("Type a name for the new folder.");
    expect(api.setFolder).not.toHaveBeenCalled();
    await fireEvent.input(screen.getByLabelText("New folder name"), { target: { value: " Trips " } });
    await fireEvent.click(screen.getByRole("button", { name: "Move" }));
    expect(api.setFolder).toHaveBeenCalledWith(4, "Trips");
  });

  it("says where an export was saved, and nothing when cancelled", async () => {
    const { onnotice } = setup([]);
    await fireEvent.click(screen.getByRole("button", { name: "Export as Markdown" }));
    expect(api.exportAs).toHaveBeenCalledWith(4, 9, "markdown");
    await vi.waitFor(() => expect(onnotice).toHaveBeenCalledWith("Exported as Markdown to /home/me/Trip.md."));
    vi.mocked(api.exportAs).mockResolvedValueOnce("");
    await fireEvent.click(screen.getByRole("button", { name: "Export as JSON" }));
    await new Promise((r) => setTimeout(r, 0));
    expect(onnotice).toHaveBeenCalledTimes(1);
  });
});
