import { describe, expect, it, vi } from "vitest";
import { handle, run } from "./commands";

describe("commands", () => {
  it("runs the handler registered while a view is shown, and nothing after", () => {
    const fn = vi.fn();
    expect(run("new-chat")).toBe(false);
    const off = handle("new-chat", fn);
    expect(run("new-chat")).toBe(true);
    expect(fn).toHaveBeenCalledTimes(1);
    off();
    expect(run("new-chat")).toBe(false);
    expect(fn).toHaveBeenCalledTimes(1);
  });
  it("keeps a newer handler when an older one stops", () => {
    const older = vi.fn();
    const newer = vi.fn();
    const offOlder = handle("search-chats", older);
    handle("search-chats", newer);
    offOlder();
    expect(run("search-chats")).toBe(true);
    expect(newer).toHaveBeenCalled();
    expect(older).not.toHaveBeenCalled();
  });
});
