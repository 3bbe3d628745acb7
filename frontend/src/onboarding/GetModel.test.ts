import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";

afterEach(cleanup);

const gb = 1024 ** 3;
vi.mock("../api/models", () => ({
  catalog: vi.fn(async () => [
    { name: "small-chat", title: "Small Chat", description: "A small one.", kind: "chat", size: 0.5 * gb, ram: 1 * gb,
      fit: "fits", recommended: true, installed: false, contextLength: 4096, license: "MIT" },
    { name: "huge-chat", title: "Huge Chat", description: "A huge one.", kind: "chat", size: 40 * gb, ram: 48 * gb,
      fit: "too-big", recommended: false, installed: false, contextLength: 8192, license: "MIT" },
  ]),
  download: vi.fn(async () => "dl-1"),
  cancelDownload: vi.fn(),
  runningDownloads: vi.fn(async () => []),
  onDownloads: vi.fn(() => () => {}),
  ollamaStatus: vi.fn(async () => ({ host: "http://127.0.0.1:11434", custom: false, reachable: false, models: [] })),
  setOllamaHost: vi.fn(),
  importModel: vi.fn(async () => {
    throw "notes.gguf is not a GGUF model file Hearth can read (it may be damaged or another format)";
  }),
  chooseModelFile: vi.fn(),
  scanOtherApps: vi.fn(),
}));

import GetModel from "./GetModel.svelte";
import * as api from "../api/models";

describe("GetModel", () => {
  it("offers only the recommended models, with size and memory, and downloads one", async () => {
    render(GetModel, { ondone: () => {} });
    expect(await screen.findByText("Small Chat")).toBeTruthy();
    expect(screen.queryByText("Huge Chat")).toBeNull();
    expect(screen.getByText(/512\.0 MB download · Needs about 1\.0 GB of memory/)).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: /Download Small Chat/ }));
    expect(api.download).toHaveBeenCalledWith("small-chat");
    expect(await screen.findByRole("progressbar", { name: "Downloading small-chat" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Cancel the download of small-chat" })).toBeTruthy();
  });

  it("shows a bad file's sentence, and Skip leaves", async () => {
    const ondone = vi.fn();
    render(GetModel, { ondone });
    await fireEvent.input(screen.getByLabelText("Path of a GGUF file"), { target: { value: "/tmp/notes.gguf" } });
    await fireEvent.click(screen.getByRole("button", { name: "Import" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/notes\.gguf is not a GGUF model file/);
    await fireEvent.click(screen.getByRole("button", { name: /Continue|Skip/ }));
    expect(ondone).toHaveBeenCalled();
  });
});
