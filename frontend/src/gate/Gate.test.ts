import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { createRawSnippet } from "svelte";

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

let locked: (() => void) | undefined;
vi.mock("../api/vault", () => ({
  status: vi.fn(async () => ({ created: true, unlocked: false, dataDir: "/d", autoLockMinutes: 15 })),
  unlock: vi.fn(async (p: string) => {
    if (p !== "right horse battery") throw new Error("That passphrase is not right.");
  }),
  touch: vi.fn(async () => {}),
  lock: vi.fn(async () => {}),
  create: vi.fn(),
  recover: vi.fn(),
  onLocked: (fn: () => void) => {
    locked = fn;
    return () => (locked = undefined);
  },
  message: (err: unknown) => (err instanceof Error ? err.message : String(err)),
}));

import Gate from "./Gate.svelte";
import { lockNow, session } from "./session.svelte";
import * as api from "../api/vault";

const children = createRawSnippet(() => ({ render: () => "<p>the app</p>" }));

async function unlockWith(pass: string) {
  const field = (await screen.findByLabelText(/passphrase/i)) as HTMLInputElement;
  await fireEvent.input(field, { target: { value: pass } });
  await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
}

describe("Gate", () => {
  it("asks for the passphrase, shows the app once unlocked, and says so to onopen", async () => {
    const onopen = vi.fn();
    render(Gate, { children, onopen });
    await unlockWith("wrong one");
    expect(await screen.findByRole("alert")).toBeTruthy();
    expect(screen.queryByText("the app")).toBeNull();
    await unlockWith("right horse battery");
    expect(await screen.findByText("the app")).toBeTruthy();
    expect(api.unlock).toHaveBeenLastCalledWith("right horse battery");
    expect(session.unlocked).toBe(true);
    expect(onopen).toHaveBeenCalledWith(false);
  });

  it("returns to the unlock screen when the store locks itself, or is locked from the app", async () => {
    vi.mocked(api.status).mockResolvedValueOnce({ created: true, unlocked: true, dataDir: "/d", autoLockMinutes: 15 });
    render(Gate, { children });
    expect(await screen.findByText("the app")).toBeTruthy();
    locked?.(); // the vault's auto-lock
    expect(await screen.findByText("Hearth is locked")).toBeTruthy();
    expect(screen.queryByText("the app")).toBeNull();

    await unlockWith("right horse battery");
    expect(await screen.findByText("the app")).toBeTruthy();
    await lockNow(); // the sidebar's Lock, or Ctrl+L
    expect(api.lock).toHaveBeenCalled();
    expect(await screen.findByText("Hearth is locked")).toBeTruthy();
  });

  it("offers to create the store on the first run", async () => {
    vi.mocked(api.status).mockResolvedValueOnce({ created: false, unlocked: false, dataDir: "/d", autoLockMinutes: 15 });
    render(Gate, { children });
    expect(await screen.findByText("Welcome to Hearth")).toBeTruthy();
  });

  it("says why Hearth could not start", async () => {
    vi.mocked(api.status).mockRejectedValueOnce(new Error("the data folder is not writable"));
    render(Gate, { children });
    expect((await screen.findByRole("alert")).textContent).toBe("the data folder is not writable");
    expect(screen.getByText("Hearth could not start")).toBeTruthy();
  });
});
