import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

vi.mock("../../api/toolchat", async (orig) => ({
  ...(await orig<typeof import("../../api/toolchat")>()),
  answerTool: vi.fn(async () => {}),
}));

import ToolCard from "./ToolCard.svelte";
import ToolConfirm from "./ToolConfirm.svelte";

describe("ToolCard", () => {
  it("shows a hostile result as text, and structured content as JSON", () => {
    const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const { container } = render(ToolCard, {
      call: { name: "echo", source: "mcp:everything", arguments: '{"message":"hi"}', result: hostile, structured: '{"a":1}', millis: 12 },
    });
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("script")).toBeNull();
    expect(screen.getByTestId("tool-result").textContent).toBe(hostile);
    expect(screen.getByTestId("tool-structured").textContent).toBe('{\n  "a": 1\n}');
    expect(screen.getByTestId("tool-args").textContent).toContain('"message": "hi"');
    expect(container.textContent).toContain("12 ms");
  });

  it("shows why a call failed", () => {
    render(ToolCard, { call: { name: "ping", arguments: "{}", error: "you did not allow this call" } });
    expect(screen.getByTestId("tool-error").textContent).toBe("you did not allow this call");
  });
});

describe("ToolConfirm", () => {
  const ask = {
    requestId: "r1", conversationId: 1, callId: "c1", source: "mcp:everything", tool: "echo", title: "",
    description: "Echoes.", trust: "not-sandboxed", trustNote: "not sandboxed: runs with your rights", risk: "open",
    arguments: '{"message":"<b>hi</b>"}', alwaysOnly: true,
  };

  it("shows the source, the trust and the exact arguments, and answers with the scope", async () => {
    const onanswer = vi.fn();
    const { container } = render(ToolConfirm, { ask, onanswer });
    expect(screen.getByTestId("tool-trust").textContent).toContain("not sandboxed: runs with your rights");
    expect(screen.getByTestId("tool-confirm-args").textContent).toContain('"message": "<b>hi</b>"');
    expect(container.querySelector("b")).toBeNull();
    expect(container.textContent).toContain("mcp:everything");
    // An open-world tool cannot be allowed for the conversation.
    expect(screen.queryByTestId("tool-allow-conversation")).toBeNull();
    await fireEvent.click(screen.getByTestId("tool-deny"));
    expect(onanswer).toHaveBeenCalledWith("deny");
  });

  it("offers the conversation scope for a tool that allows it", async () => {
    const onanswer = vi.fn();
    render(ToolConfirm, { ask: { ...ask, alwaysOnly: false, risk: "write" }, onanswer });
    await fireEvent.click(screen.getByTestId("tool-allow-conversation"));
    expect(onanswer).toHaveBeenCalledWith("conversation");
  });
});
