import { describe, expect, it } from "vitest";
import { doneFrom } from "./chat";

describe("doneFrom", () => {
  it("turns the engine's snake_case statistics into the window's camelCase", () => {
    const message = { id: 6, parentId: 5, role: "assistant", text: "Hi", model: "m", created: "", stopped: false, siblings: [6], siblingIndex: 0 };
    const d = doneFrom({
      requestId: "r1",
      conversationId: 7,
      message,
      stats: { prompt_tokens: 12, cached_tokens: 4, generated_tokens: 2, prompt_duration: 1, generate_duration: 2, stop_reason: "eos" },
    });
    expect(d).toEqual({
      requestId: "r1",
      conversationId: 7,
      message,
      stats: { promptTokens: 12, cachedTokens: 4, generatedTokens: 2, stopReason: "eos" },
    });
  });
});
