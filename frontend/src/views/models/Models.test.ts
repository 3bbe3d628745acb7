import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/svelte";

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

const on: Record<string, (p: unknown) => void> = {};
const tiny = { name: "tiny", backend: "embedded", origin: "downloaded", size: 2_000_000, architecture: "llama", path: "/m/tiny.gguf" };
const pulled = { name: "llama3", backend: "ollama", size: 4_000_000_000 };
const catalogModel = {
  name: "qwen", title: "Qwen 0.5B", description: "Small and quick", kind: "chat", parameters: "0.5B", quantization: "Q4_K_M",
  license: "Apache-2.0", size: 400_000_000, ram: 1_000_000_000, contextLength: 32768, fit: "good", recommended: true, installed: false,
};

vi.mock("../../api/models", () => ({
  installed: vi.fn(async () => [tiny, pulled]),
  catalog: vi.fn(async () => [catalogModel]),
  deleteModel: vi.fn(async (name: string) => ({ name, path: "/m/tiny.gguf", fileDeleted: true, message: "Removed tiny and deleted its file." })),
  download: vi.fn(async () => "dl-1"),
  cancelDownload: vi.fn(async () => {}),
  runningDownloads: vi.fn(async () => []),
  onDownloads: (h: Record<string, (p: unknown) => void>) => (Object.assign(on, h), () => {}),
  ollamaStatus: vi.fn(async () => ({ host: "127.0.0.1:11434", custom: false, reachable: false, models: [] })),
  setOllamaHost: vi.fn(),
  serverStatus: vi.fn(async () => ({ connected: false, hasKey: false, remote: false, plain: false, reachable: false, models: [] })),
  connectServer: vi.fn(),
  disconnectServer: vi.fn(),
  importModel: vi.fn(),
  chooseModelFile: vi.fn(async () => ""),
  scanOtherApps: vi.fn(async () => []),
}));

import Models from "./Models.svelte";
import * as api from "../../api/models";

describe("Models", () => {
  it("lists the installed models, and removes one only after a confirmation", async () => {
    render(Models);
    const item = await screen.findByTestId("installed-tiny");
    expect(within(item).getByTestId("installed-details").textContent).toContain("llama");
    expect(within(screen.getByTestId("installed-llama3")).queryByRole("button")).toBeNull(); // Ollama's own
    await fireEvent.click(within(item).getByRole("button", { name: "Remove tiny" }));
    expect(api.deleteModel).not.toHaveBeenCalled();
    expect(within(item).getByText("Remove it and delete its file?")).toBeTruthy();
    vi.mocked(api.installed).mockResolvedValueOnce([pulled]);
    await fireEvent.click(within(item).getByRole("button", { name: "Remove" }));
    expect(api.deleteModel).toHaveBeenCalledWith("tiny");
    expect((await screen.findByRole("status")).textContent).toBe("Removed tiny and deleted its file.");
    expect(screen.queryByTestId("installed-tiny")).toBeNull();
  });

  it("shows a finished download among the installed models", async () => {
    vi.mocked(api.installed).mockResolvedValueOnce([]);
    render(Models);
    expect(await screen.findByText("No models yet.")).toBeTruthy();
    await fireEvent.click(await screen.findByRole("button", { name: /Download/ }));
    expect(api.download).toHaveBeenCalledWith("qwen");
    vi.mocked(api.installed).mockResolvedValueOnce([{ ...tiny, name: "qwen" }]);
    on.done({ id: "dl-1", name: "qwen", model: { ...tiny, name: "qwen" } });
    expect(await screen.findByTestId("installed-qwen")).toBeTruthy();
    expect(screen.queryByText("No models yet.")).toBeNull();
  });

  it("says why the models could not be listed", async () => {
    vi.mocked(api.installed).mockRejectedValueOnce("the models folder is unreadable");
    render(Models);
    expect((await screen.findByRole("alert")).textContent).toBe("the models folder is unreadable");
  });
});
