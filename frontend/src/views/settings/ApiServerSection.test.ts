import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import ApiServerSection from "./ApiServerSection.svelte";

vi.mock("../../api/settings", () => ({
  apiServer: vi.fn(),
  startAPIServer: vi.fn(),
  stopAPIServer: vi.fn(),
}));

import { apiServer, startAPIServer } from "../../api/settings";

const taken =
  "the API server cannot start: 127.0.0.1:7323 is already in use by another program (perhaps `hearth serve`); stop it and try again";

describe("ApiServerSection", () => {
  beforeEach(() => {
    vi.mocked(apiServer).mockReset().mockResolvedValue({ running: false } as never);
    vi.mocked(startAPIServer).mockReset();
  });
  afterEach(() => cleanup());

  it("says the port is taken and leaves the switch off", async () => {
    vi.mocked(startAPIServer).mockRejectedValueOnce(taken); // Wails rejects with the error's text
    render(ApiServerSection);
    const toggle = screen.getByTestId("api-switch") as HTMLInputElement;
    await fireEvent.click(toggle);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe(taken);
    expect(toggle.checked).toBe(false);
    expect(screen.queryByTestId("api-url")).toBeNull();
  });

  it("shows the address and token once started", async () => {
    vi.mocked(startAPIServer).mockResolvedValueOnce({ running: true, url: "http://127.0.0.1:7323/v1", token: "hearth-t" } as never);
    render(ApiServerSection);
    const toggle = screen.getByTestId("api-switch") as HTMLInputElement;
    await fireEvent.click(toggle);
    expect((await screen.findByTestId("api-url")).textContent).toBe("http://127.0.0.1:7323/v1");
    expect(screen.getByTestId("api-token").textContent).toBe("hearth-t");
    expect(toggle.checked).toBe(true);
  });
});
