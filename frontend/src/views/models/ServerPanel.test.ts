import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import type { OpenAIServer } from "../../api/models";

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

const none: OpenAIServer = { connected: false, hasKey: false, remote: false, plain: false, reachable: false, models: [] };
const lan: OpenAIServer = {
  connected: true, url: "http://192.168.1.20:8080/v1", host: "192.168.1.20:8080", hasKey: true,
  remote: true, plain: true, reachable: true, models: ["qwen2.5-7b", "llama3.1-8b"],
};
const local: OpenAIServer = { ...lan, url: "http://127.0.0.1:8080/v1", host: "127.0.0.1:8080", remote: false, models: ["qwen2.5-7b"] };

vi.mock("../../api/models", () => ({
  serverStatus: vi.fn(async () => none),
  connectServer: vi.fn(async () => lan),
  disconnectServer: vi.fn(async () => {}),
}));

import { backendLabel, chatsGoTo, serverSummary } from "./server";
import ServerPanel from "./ServerPanel.svelte";
import * as api from "../../api/models";

describe("what the panel says", () => {
  it("sums the server up in one line", () => {
    expect(serverSummary(none)).toBe("No server is connected.");
    expect(serverSummary(lan)).toBe("Connected to 192.168.1.20:8080, which offers 2 models: qwen2.5-7b, llama3.1-8b.");
    expect(serverSummary(local)).toBe("Connected to 127.0.0.1:8080, which offers 1 model: qwen2.5-7b.");
    expect(serverSummary({ ...lan, models: [] })).toBe("Connected to 192.168.1.20:8080, which offers no models.");
    expect(serverSummary({ ...lan, reachable: false, models: [], error: "nothing answers at 192.168.1.20:8080: is the server running?" }))
      .toBe("The server at 192.168.1.20:8080 does not answer: nothing answers at 192.168.1.20:8080: is the server running?");
    expect(serverSummary({ ...lan, reachable: false, models: [] })).toBe("The server at 192.168.1.20:8080 does not answer: no reason given.");
  });

  it("says where the chats go, and that plain http is readable", () => {
    expect(chatsGoTo(local)).toBe("");
    expect(chatsGoTo(none)).toBe("");
    expect(chatsGoTo({ ...lan, plain: false })).toBe("Your chats go to 192.168.1.20:8080 when they use its models.");
    expect(chatsGoTo(lan)).toContain("plain http");
  });

  it("labels each model with where it runs", () => {
    expect(backendLabel({ backend: "embedded" })).toBe("Built-in engine");
    expect(backendLabel({ backend: "ollama", source: "127.0.0.1:11434" })).toBe("Ollama");
    expect(backendLabel({ backend: "openai", source: "192.168.1.20:8080" })).toBe("Server 192.168.1.20:8080");
  });
});

describe("ServerPanel", () => {
  it("connects with the address and key, then says where the chats go", async () => {
    const changed = vi.fn();
    render(ServerPanel, { onchange: changed });
    const button = screen.getByRole("button", { name: "Test and connect" }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await fireEvent.input(screen.getByLabelText("Address"), { target: { value: " http://192.168.1.20:8080 " } });
    const key = screen.getByLabelText("API key") as HTMLInputElement;
    expect(key.type).toBe("password");
    await fireEvent.input(key, { target: { value: "sk-local" } });
    await fireEvent.click(button);
    expect(api.connectServer).toHaveBeenCalledWith("http://192.168.1.20:8080", "sk-local");
    expect((await screen.findByTestId("server-summary")).textContent).toContain("offers 2 models");
    expect(screen.getByTestId("server-remote").textContent).toContain("Your chats go to 192.168.1.20:8080");
    expect(key.value).toBe("");
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it("shows the server's one sentence when it refuses the key", async () => {
    vi.mocked(api.connectServer).mockRejectedValueOnce("the server at 127.0.0.1:8080 refused the API key");
    render(ServerPanel);
    await fireEvent.input(screen.getByLabelText("Address"), { target: { value: "127.0.0.1:8080" } });
    await fireEvent.click(screen.getByRole("button", { name: "Test and connect" }));
    expect((await screen.findByRole("alert")).textContent).toBe("the server at 127.0.0.1:8080 refused the API key");
    expect(screen.queryByTestId("server-summary")).toBeNull();
  });

  it("tests the connection again, and disconnects", async () => {
    vi.mocked(api.serverStatus).mockResolvedValueOnce(local);
    render(ServerPanel);
    expect((await screen.findByTestId("server-summary")).textContent).toContain("127.0.0.1:8080");
    expect(screen.queryByTestId("server-remote")).toBeNull(); // this computer: nothing leaves it
    vi.mocked(api.serverStatus).mockResolvedValueOnce({ ...local, reachable: false, models: [], error: "nothing answers" });
    await fireEvent.click(screen.getByRole("button", { name: "Test connection" }));
    expect((await screen.findByText(/does not answer/)).textContent).toContain("nothing answers");
    await fireEvent.click(screen.getByRole("button", { name: "Disconnect" }));
    expect(api.disconnectServer).toHaveBeenCalled();
    await vi.waitFor(() => expect(screen.queryByTestId("server-summary")).toBeNull());
  });
});
