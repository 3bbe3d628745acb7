import { describe, expect, it, vi } from "vitest";

vi.mock("../api/vault", () => ({ lock: vi.fn(async () => {}) }));

import { lockNow, session } from "./session.svelte";
import * as api from "../api/vault";

describe("session", () => {
  it("locks the store and closes the session", async () => {
    session.unlocked = true;
    await lockNow();
    expect(api.lock).toHaveBeenCalled();
    expect(session.unlocked).toBe(false);
  });
  it("closes the session even when the lock call fails", async () => {
    vi.mocked(api.lock).mockRejectedValueOnce(new Error("gone"));
    session.unlocked = true;
    await expect(lockNow()).rejects.toThrow("gone");
    expect(session.unlocked).toBe(false);
  });
});
