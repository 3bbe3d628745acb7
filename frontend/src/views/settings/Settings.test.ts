import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

vi.mock("../../api/settings", () => ({
  theme: vi.fn(async () => "system"),
  setTheme: vi.fn(async () => {}),
  defaults: vi.fn(async () => ({ model: "tiny", generation: { temperature: 0.8, topP: 0.95, maxTokens: 512, system: "" } })),
  setDefaultModel: vi.fn(async () => {}),
  setGeneration: vi.fn(async () => {}),
  engine: vi.fn(async () => ({ context: 0, kvCache: "f16" })),
  setEngine: vi.fn(async () => {}),
  engineEstimate: vi.fn(async () => ({ model: "tiny", trained: 2048, context: 2048, kvCache: "f16", kvBytes: 1 << 20, note: "" })),
  apiServer: vi.fn(async () => ({ running: false })),
  startAPIServer: vi.fn(),
  stopAPIServer: vi.fn(),
  dataDir: vi.fn(async () => "/home/me/.hearth"),
  openDataDir: vi.fn(async () => {}),
  backup: vi.fn(async () => "/home/me/hearth.hearthbackup"),
  chooseBackup: vi.fn(async () => ""),
  restore: vi.fn(async () => ({ kept: "/home/me/.hearth.before-restore" })),
  autoLockMinutes: vi.fn(async () => 15),
  setAutoLock: vi.fn(async () => {}),
  changePassphrase: vi.fn(async () => {}),
  rotateKey: vi.fn(),
}));
vi.mock("../../api/models", () => ({
  installed: vi.fn(async () => [
    { name: "tiny", backend: "embedded", size: 1 },
    { name: "llama3", backend: "ollama", size: 1 },
  ]),
}));

import Settings from "./Settings.svelte";
import * as api from "../../api/settings";

const section = (name: string) => screen.getByRole("region", { name });

describe("Settings", () => {
  it("shows the defaults for new chats and saves them as numbers", async () => {
    render(Settings);
    const chats = section("New chats");
    const select = within(chats).getByLabelText("Model for new chats") as HTMLSelectElement;
    await within(chats).findByRole("option", { name: "llama3 (Ollama)" });
    expect(select.value).toBe("tiny");
    await fireEvent.change(select, { target: { value: "llama3" } });
    expect(api.setDefaultModel).toHaveBeenCalledWith("llama3");

    const form = within(chats).getByRole("form", { name: "Generation settings" });
    const temperature = within(form).getByLabelText(/Temperature/) as HTMLInputElement;
    expect(temperature.value).toBe("0.8");
    await fireEvent.input(temperature, { target: { value: "0.2" } });
    await fireEvent.input(within(form).getByLabelText(/Longest answer/), { target: { value: "1024" } });
    await fireEvent.click(within(form).getByRole("button", { name: "Save generation settings" }));
    expect(api.setGeneration).toHaveBeenCalledWith({ temperature: 0.2, topP: 0.95, maxTokens: 1024, system: "" });
    expect((await within(chats).findByRole("status")).textContent).toBe("Generation settings saved.");
  });

  it("restores a backup only after a confirmation, and says where the old store is kept", async () => {
    render(Settings);
    const data = section("Your data");
    await waitFor(() => expect(within(data).getByTestId("settings-datadir").textContent).toBe("/home/me/.hearth"));
    const form = within(data).getByRole("form", { name: "Restore a backup" });
    const submit = within(form).getByRole("button", { name: "Restore…" }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    await fireEvent.input(within(form).getByLabelText("Backup file"), { target: { value: " /tmp/b.hearthbackup " } });
    await fireEvent.input(within(form).getByLabelText("The backup's passphrase"), { target: { value: "old pass" } });
    await fireEvent.click(submit);
    expect(api.restore).not.toHaveBeenCalled();
    const confirm = within(form).getByRole("group", { name: "Confirm restore" });
    await fireEvent.click(within(confirm).getByRole("button", { name: "Restore" }));
    expect(api.restore).toHaveBeenCalledWith("/tmp/b.hearthbackup", "old pass");
    expect((await within(data).findByRole("status")).textContent).toContain("/home/me/.hearth.before-restore");
  });

  it("saves an encrypted backup and says where", async () => {
    render(Settings);
    await fireEvent.click(within(section("Your data")).getByRole("button", { name: "Save an encrypted backup…" }));
    expect((await within(section("Your data")).findByRole("status")).textContent).toContain("/home/me/hearth.hearthbackup");
  });
});
