import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";

vi.mock("../../wailsjs/runtime/runtime", () => ({ BrowserOpenURL: vi.fn() }));

import LinkGuard from "./LinkGuard.svelte";
import LinkConfirm from "./LinkConfirm.svelte";
import { BrowserOpenURL } from "../../wailsjs/runtime/runtime";
import { render as markdown } from "../views/chat/markdown";

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
  document.querySelectorAll(".answer").forEach((e) => e.remove());
});

/** answer puts a rendered answer in the page, as MessageItem does. */
function answer(md: string): HTMLElement {
  const div = document.createElement("div");
  div.className = "answer markdown";
  div.innerHTML = markdown(md);
  document.body.append(div);
  return div;
}

describe("LinkConfirm", () => {
  it("shows the whole URL and its host", () => {
    const url = "https://xn--exmple-cua.com/a/very/long/path?with=query#and-fragment";
    render(LinkConfirm, { url, onopen: () => {}, oncancel: () => {} });
    expect(screen.getByTestId("link-url").textContent).toBe(url);
    expect(screen.getByTestId("link-host").textContent).toBe("xn--exmple-cua.com");
    expect(screen.getByRole("alertdialog")).toBeTruthy();
  });

  it("calls onopen or oncancel, Escape cancels", async () => {
    const onopen = vi.fn();
    const oncancel = vi.fn();
    render(LinkConfirm, { url: "https://example.com/", onopen, oncancel });
    await fireEvent.click(screen.getByRole("button", { name: "Open in browser" }));
    expect(onopen).toHaveBeenCalledOnce();
    await fireEvent.keyDown(screen.getByRole("alertdialog"), { key: "Escape" });
    expect(oncancel).toHaveBeenCalledOnce();
  });
});

describe("LinkGuard", () => {
  it("opens a link of an answer in the browser only after the confirmation", async () => {
    render(LinkGuard);
    const a = answer("Read [the docs](https://example.com/docs?q=1).").querySelector("a") as HTMLAnchorElement;
    const ev = new MouseEvent("click", { bubbles: true, cancelable: true });
    a.dispatchEvent(ev);
    expect(ev.defaultPrevented).toBe(true);
    const url = await screen.findByTestId("link-url");
    expect(url.textContent).toBe("https://example.com/docs?q=1");
    expect(BrowserOpenURL).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole("button", { name: "Open in browser" }));
    expect(BrowserOpenURL).toHaveBeenCalledExactlyOnceWith("https://example.com/docs?q=1");
    expect(screen.queryByRole("alertdialog")).toBeNull();
  });

  it("opens nothing when cancelled", async () => {
    render(LinkGuard);
    (answer("[x](https://example.com/)").querySelector("a") as HTMLAnchorElement).click();
    await fireEvent.click(await screen.findByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(BrowserOpenURL).not.toHaveBeenCalled();
  });

  it("asks nothing for a link the renderer disarmed", async () => {
    render(LinkGuard);
    (answer("[x](javascript:alert(1))").querySelector("a") as HTMLAnchorElement).click();
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(BrowserOpenURL).not.toHaveBeenCalled();
  });
});
