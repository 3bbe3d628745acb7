import { describe, expect, it } from "vitest";
import { delta, done, empty, failed, lastOf, loaded, siblingAt, started } from "./thread";
import type { Message } from "../../api/chat";

function msg(id: number, parentId: number, role: string, text: string, siblings = [id]): Message {
  return { id, parentId, role, text, model: "", created: "", stopped: false, siblings, siblingIndex: siblings.indexOf(id) };
}

const thread = loaded(7, [msg(1, 0, "user", "hi"), msg(2, 1, "assistant", "hello"), msg(3, 2, "user", "more"), msg(4, 3, "assistant", "sure")]);

describe("thread reducer", () => {
  it("streams an answer to a new message and keeps the saved one", () => {
    let s = started(thread, { requestId: "r1", conversationId: 7, userMessage: msg(5, 4, "user", "again") });
    expect(s.messages.map((m) => m.id)).toEqual([1, 2, 3, 4, 5]);
    s = delta(s, { requestId: "r1", conversationId: 7, text: "Once" });
    s = delta(s, { requestId: "r1", conversationId: 7, text: " upon" });
    expect(s.pending?.text).toBe("Once upon");
    s = done(s, { requestId: "r1", conversationId: 7, message: msg(6, 5, "assistant", "Once upon"), stats: { promptTokens: 3, cachedTokens: 0, generatedTokens: 2, stopReason: "eos" } });
    expect(s.pending).toBeNull();
    expect(lastOf(s)).toBe(6);
  });

  it("ignores events of another request", () => {
    const s = started(thread, { requestId: "r1", conversationId: 7, userMessage: msg(5, 4, "user", "x") });
    expect(delta(s, { requestId: "r9", conversationId: 7, text: "no" })).toBe(s);
    expect(done(empty, { requestId: "r1", conversationId: 7, message: msg(6, 5, "assistant", ""), stats: { promptTokens: 0, cachedTokens: 0, generatedTokens: 0, stopReason: "" } })).toBe(empty);
  });

  it("cuts the thread where an edit branches off", () => {
    const s = started(thread, { requestId: "r2", conversationId: 7, userMessage: msg(9, 2, "user", "edited", [3, 9]) });
    expect(s.messages.map((m) => m.id)).toEqual([1, 2, 9]);
  });

  it("keeps the user message when its answer is regenerated", () => {
    const s = started(thread, { requestId: "r3", conversationId: 7, userMessage: msg(3, 2, "user", "more") });
    expect(s.messages.map((m) => m.id)).toEqual([1, 2, 3]);
  });

  it("shows a failure as one sentence", () => {
    let s = started(thread, { requestId: "r4", conversationId: 7, userMessage: msg(5, 4, "user", "x") });
    s = failed(s, { requestId: "r4", conversationId: 7, message: "Ollama is not running.", kind: "backend-down" });
    expect(s.pending).toBeNull();
    expect(s.error).toBe("Ollama is not running.");
  });

  it("steps between siblings", () => {
    const m = msg(9, 2, "user", "b", [3, 9, 12]);
    expect(siblingAt(m, -1)).toBe(3);
    expect(siblingAt(m, 1)).toBe(12);
    expect(siblingAt(msg(3, 2, "user", "a", [3, 9]), -1)).toBe(0);
  });
});
