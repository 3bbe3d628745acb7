import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";

afterEach(cleanup);

vi.mock("../../api/settings", () => ({
  autoLockMinutes: vi.fn(async () => 15),
  setAutoLock: vi.fn(async () => {}),
  changePassphrase: vi.fn(async () => {}),
  rotateKey: vi.fn(async (p: string) => {
    if (p !== "right") throw "wrong passphrase";
    return "NEW00-RECOV-ERYKE-Y0000";
  }),
}));

import SecuritySection from "./SecuritySection.svelte";
import * as api from "../../api/settings";

describe("SecuritySection", () => {
  it("rotates the data key with the passphrase and shows the new recovery key once", async () => {
    render(SecuritySection);
    const form = screen.getByRole("form", { name: "Rotate the data key" });
    const input = form.querySelector("input[type=password]") as HTMLInputElement;
    const button = screen.getByRole("button", { name: "Rotate the data key" }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await fireEvent.input(input, { target: { value: "nope" } });
    await fireEvent.click(button);
    expect(await screen.findByRole("alert")).toBeTruthy();
    expect(screen.queryByTestId("rotated-recovery-key")).toBeNull();
    await fireEvent.input(input, { target: { value: "right" } });
    await fireEvent.click(button);
    expect((await screen.findByTestId("rotated-recovery-key")).textContent).toBe("NEW00-RECOV-ERYKE-Y0000");
    expect(api.rotateKey).toHaveBeenLastCalledWith("right");
    expect(input.value).toBe("");
  });
});
