import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen } from "@testing-library/svelte";

vi.mock("../../api/chat", () => ({
  models: vi.fn(async () => [
    { id: "o", name: "llama3.2:3b", backend: "ollama", size: 1, details: "", missing: false },
    { id: "e", name: "stories260k", backend: "embedded", size: 1, details: "", missing: false },
    { id: "openai:qwen2.5-7b", name: "qwen2.5-7b", backend: "openai", size: 0, details: "192.168.1.30:8080", missing: false },
  ]),
}));
vi.mock("../../api/models", () => ({ ollamaStatus: vi.fn(), serverStatus: vi.fn() }));

import RemoteNotice from "./RemoteNotice.svelte";
import { ollamaStatus, serverStatus } from "../../api/models";

const status = (host: string, remote: boolean) =>
  ({ host, remote, custom: true, reachable: true, models: [] }) as unknown as Awaited<ReturnType<typeof ollamaStatus>>;

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe("RemoteNotice", () => {
  it("says where the chats of a remote Ollama model go", async () => {
    vi.mocked(ollamaStatus).mockResolvedValue(status("http://192.168.1.20:11434", true));
    render(RemoteNotice, { model: "llama3.2:3b" });
    expect((await screen.findByTestId("chat-remote")).textContent).toBe("Your chats go to 192.168.1.20:11434");
  });

  it("says nothing for a local Ollama or a built-in model", async () => {
    vi.mocked(ollamaStatus).mockResolvedValue(status("http://127.0.0.1:11434", false));
    render(RemoteNotice, { model: "llama3.2:3b" });
    await new Promise((r) => setTimeout(r, 10));
    expect(screen.queryByTestId("chat-remote")).toBeNull();
    cleanup();
    vi.mocked(ollamaStatus).mockResolvedValue(status("http://192.168.1.20:11434", true));
    render(RemoteNotice, { model: "stories260k" });
    await new Promise((r) => setTimeout(r, 10));
    expect(screen.queryByTestId("chat-remote")).toBeNull();
  });

  it("says where the chats of a model on a connected server go, by the chat's model id", async () => {
    const server = { connected: true, host: "192.168.1.30:8080", remote: true, plain: true, hasKey: false, reachable: true, models: [] };
    vi.mocked(serverStatus).mockResolvedValue(server);
    render(RemoteNotice, { model: "openai:qwen2.5-7b" });
    expect((await screen.findByTestId("chat-remote")).textContent).toBe("Your chats go to 192.168.1.30:8080");
    cleanup();
    vi.mocked(serverStatus).mockResolvedValue({ ...server, host: "127.0.0.1:8080", remote: false });
    render(RemoteNotice, { model: "openai:qwen2.5-7b" });
    await new Promise((r) => setTimeout(r, 10));
    expect(screen.queryByTestId("chat-remote")).toBeNull();
  });
});
