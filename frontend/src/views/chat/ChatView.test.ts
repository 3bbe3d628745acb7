import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});
beforeAll(() => {
  // jsdom does not lay out, so it has no scrolling.
  Element.prototype.scrollTo = () => {};
  Element.prototype.scrollIntoView = () => {};
});

const on: Record<string, (p: unknown) => void> = {};
const msg = (id: number, parentId: number, role: string, text: string) => ({
  id, parentId, role, text, model: "tiny", created: "", stopped: false, siblings: [id], siblingIndex: 0,
});
const options = { model: "tiny", temperature: 0.8, topP: 0.95, maxTokens: 512, system: "" };
const trip = { id: 7, title: "Trip", folder: "", tags: [], model: "tiny", created: "", updated: "" };

vi.mock("../../api/chat", () => ({
  conversations: vi.fn(async () => [trip]),
  options: vi.fn(async () => options),
  thread: vi.fn(async (id: number) => ({
    conversationId: id,
    messages: [msg(5, 0, "user", "Where to?"), msg(6, 5, "assistant", "Lisbon, then Porto.")],
    options,
  })),
  send: vi.fn(async () => ({ requestId: "r1", conversationId: 7, userMessage: msg(5, 0, "user", "Where to?") })),
  stop: vi.fn(async () => {}),
  models: vi.fn(async () => []),
  search: vi.fn(async () => []),
  onDelta: (fn: (p: unknown) => void) => ((on.delta = fn), () => {}),
  onDone: (fn: (p: unknown) => void) => ((on.done = fn), () => {}),
  onError: (fn: (p: unknown) => void) => ((on.error = fn), () => {}),
}));
vi.mock("../../api/memory", () => ({ rememberNew: vi.fn(async () => true) }));
vi.mock("../../api/toolchat", () => ({ onTool: () => () => {}, onToolAsk: () => () => {}, answerTool: vi.fn(), prettyJSON: (s: string) => s }));

import ChatView from "./ChatView.svelte";
import * as api from "../../api/chat";
import { run } from "../../lib/commands";

async function sendMessage(text: string) {
  const box = screen.getByRole("textbox", { name: "Message" });
  await fireEvent.input(box, { target: { value: text } });
  await fireEvent.keyDown(box, { key: "Enter" });
}

describe("ChatView", () => {
  it("sends a message, streams the answer in, and shows the saved thread when it is done", async () => {
    render(ChatView);
    expect(await screen.findByRole("button", { name: /Trip/ })).toBeTruthy();
    expect(await screen.findByRole("button", { name: "tiny ▾" })).toBeTruthy();
    await sendMessage("Where to?");
    expect(api.send).toHaveBeenCalledWith(0, 0, "Where to?");
    expect(await screen.findByText("Thinking…")).toBeTruthy();

    on.delta({ requestId: "r1", conversationId: 7, text: "Lisbon" });
    expect(await screen.findByText("Lisbon")).toBeTruthy();
    expect(screen.getByRole("button", { name: /Stop/ })).toBeTruthy();

    on.done({ requestId: "r1", conversationId: 7, message: msg(6, 5, "assistant", "Lisbon, then Porto."),
      stats: { promptTokens: 4, cachedTokens: 0, generatedTokens: 5, stopReason: "eos" } });
    expect(await screen.findByText("Lisbon, then Porto.")).toBeTruthy();
    expect(api.thread).toHaveBeenCalledWith(7, 6);
    expect(screen.queryByTestId("streaming")).toBeNull();
  });

  it("ignores events of another request, and shows a failure in one sentence", async () => {
    render(ChatView);
    await screen.findByRole("button", { name: "tiny ▾" });
    await sendMessage("Where to?");
    await screen.findByText("Thinking…");
    on.delta({ requestId: "other", conversationId: 9, text: "not ours" });
    on.error({ requestId: "r1", conversationId: 7, message: "The model ran out of memory.", kind: "memory" });
    expect((await screen.findByTestId("chat-error")).textContent).toBe("The model ran out of memory.");
    expect(screen.queryByText("not ours")).toBeNull();
  });

  it("opens a conversation from the list", async () => {
    render(ChatView);
    await fireEvent.click(await screen.findByRole("button", { name: /Trip/ }));
    expect(await screen.findByText("Lisbon, then Porto.")).toBeTruthy();
    expect(api.thread).toHaveBeenCalledWith(7, 0);
    expect(screen.getByRole("heading", { level: 2 }).textContent).not.toBe("New chat");
  });

  it("handles Ctrl+N and Ctrl+K while it is shown", async () => {
    const { unmount } = render(ChatView);
    await fireEvent.click(await screen.findByRole("button", { name: /Trip/ }));
    await screen.findByText("Lisbon, then Porto.");
    expect(run("new-chat")).toBe(true);
    expect(await screen.findByText("What's on your mind?")).toBeTruthy();
    expect(run("search-chats")).toBe(true);
    expect(document.activeElement).toBe(screen.getByRole("searchbox", { name: "Search chats" }));
    unmount();
    expect(run("new-chat")).toBe(false);
  });
});
