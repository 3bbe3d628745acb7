import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

// The service's answers for a default model trained on 32,768 tokens with
// F16 heads of 1 KiB a position (Q8_0: 544 bytes), refusing what Go refuses.
vi.mock("../../api/settings", () => ({
  engine: vi.fn(async () => ({ context: 0, kvCache: "f16" })),
  setEngine: vi.fn(async (e: { context: number }) => {
    if (e.context !== 0 && (e.context < 512 || e.context > 1048576)) throw "the context length must be between 512 and 1048576 tokens, or automatic";
  }),
  engineEstimate: vi.fn(async (e: { context: number; kvCache: string }) => {
    if (e.context !== 0 && e.context < 512) throw "refused";
    const context = e.context === 0 ? 4096 : Math.min(e.context, 32768);
    return {
      model: "qwen", trained: 32768, context, kvCache: e.kvCache,
      kvBytes: context * (e.kvCache === "q8_0" ? 544 : 1024),
      note: e.context > 32768 ? `qwen was trained on 32,768 tokens, so it gets 32,768, not ${e.context.toLocaleString("en-US")}.` : "",
    };
  }),
}));

import EngineSection from "./EngineSection.svelte";
import * as api from "../../api/settings";

describe("EngineSection", () => {
  it("shows the automatic context's cost, then saves a larger context with a Q8_0 cache", async () => {
    render(EngineSection);
    expect((await screen.findByTestId("engine-estimate")).textContent).toContain("qwen: 4,096 tokens, a KV cache of up to 4.0 MB (F16)");
    const tokens = screen.getByLabelText("Context length in tokens") as HTMLInputElement;
    expect(tokens.disabled).toBe(true);

    await fireEvent.click(screen.getByRole("radio", { name: "Choose the context length" }));
    expect(tokens.disabled).toBe(false);
    await fireEvent.input(tokens, { target: { value: "16384" } });
    await fireEvent.change(screen.getByRole("combobox"), { target: { value: "q8_0" } });
    await waitFor(() => expect(screen.getByTestId("engine-estimate").textContent).toContain("16,384 tokens, a KV cache of up to 8.5 MB (Q8_0)"));
    expect(api.engineEstimate).toHaveBeenLastCalledWith({ context: 16384, kvCache: "q8_0" });

    await fireEvent.click(screen.getByRole("button", { name: "Save engine settings" }));
    expect(api.setEngine).toHaveBeenLastCalledWith({ context: 16384, kvCache: "q8_0" });
    expect((await screen.findByRole("status")).textContent).toContain("next answer");
  });

  it("notes a context beyond the model's training and says why a value is refused", async () => {
    render(EngineSection);
    await screen.findByTestId("engine-estimate");
    await fireEvent.click(screen.getByRole("radio", { name: "Choose the context length" }));
    const tokens = screen.getByLabelText("Context length in tokens") as HTMLInputElement;
    await fireEvent.input(tokens, { target: { value: "65536" } });
    expect((await screen.findByTestId("engine-note")).textContent).toBe("qwen was trained on 32,768 tokens, so it gets 32,768, not 65,536.");

    await fireEvent.input(tokens, { target: { value: "100" } });
    await waitFor(() => expect(screen.queryByTestId("engine-estimate")).toBeNull());
    // The field's bounds stop the form; were they passed, the service's sentence shows.
    await fireEvent.click(screen.getByRole("button", { name: "Save engine settings" }));
    expect(api.setEngine).not.toHaveBeenCalled();
    await fireEvent.submit(screen.getByRole("form", { name: "Engine settings" }));
    expect((await screen.findByRole("alert")).textContent).toContain("between 512 and 1048576 tokens");
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("keeps a saved context on opening", async () => {
    vi.mocked(api.engine).mockResolvedValueOnce({ context: 12288, kvCache: "q8_0" });
    render(EngineSection);
    await waitFor(() => expect((screen.getByLabelText("Context length in tokens") as HTMLInputElement).value).toBe("12288"));
    expect((screen.getByLabelText("Context length in tokens") as HTMLInputElement).disabled).toBe(false);
    expect((screen.getByRole("combobox") as HTMLSelectElement).value).toBe("q8_0");
    expect(api.engineEstimate).toHaveBeenLastCalledWith({ context: 12288, kvCache: "q8_0" });
  });
});
