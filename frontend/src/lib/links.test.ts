import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from "vitest";
import { installLinkGuard } from "./links";
import { render } from "../views/chat/markdown";

let remove: () => void;
let ask: Mock<(url: string) => void>;

beforeEach(() => {
  ask = vi.fn<(url: string) => void>();
  remove = installLinkGuard(window, ask);
});
afterEach(() => {
  remove();
  document.body.innerHTML = "";
});

/** click dispatches a cancelable click on el and says whether it was stopped. */
function click(el: Element, init: MouseEventInit = {}): boolean {
  const e = new MouseEvent(init.button === 1 ? "auxclick" : "click", { bubbles: true, cancelable: true, ...init });
  el.dispatchEvent(e);
  return e.defaultPrevented;
}

describe("installLinkGuard", () => {
  it("stops a link in an answer and asks to open it", () => {
    document.body.innerHTML = `<div class="markdown">${render("[docs](https://example.com/a b)")}</div><div class="markdown">${render("see <https://example.com/x?y=1>")}</div>`;
    const a = document.querySelectorAll("a")[1];
    expect(click(a)).toBe(true);
    expect(ask).toHaveBeenCalledWith("https://example.com/x?y=1");
  });

  it("stops a click on text inside a link", () => {
    document.body.innerHTML = render("[**bold link**](https://example.com/)");
    expect(click(document.querySelector("strong") as Element)).toBe(true);
    expect(ask).toHaveBeenCalledWith("https://example.com/");
  });

  it("stops links whatever put them there, asking only for http(s) and mailto", () => {
    document.body.innerHTML =
      '<a id="j" href="javascript:alert(1)">j</a><a id="r" href="/settings">r</a><a id="f" href="file:///etc/passwd">f</a>' +
      '<svg><a id="s" href="https://svg.example/"><text>s</text></a></svg><a id="m" href="mailto:a@example.com">m</a>';
    for (const id of ["j", "r", "f", "s", "m"]) expect(click(document.getElementById(id) as Element), id).toBe(true);
    expect(ask.mock.calls).toEqual([["https://svg.example/"], ["mailto:a@example.com"]]);
  });

  it("stops middle clicks without asking", () => {
    document.body.innerHTML = '<a href="https://example.com/">x</a>';
    expect(click(document.querySelector("a") as Element, { button: 1 })).toBe(true);
    expect(ask).not.toHaveBeenCalled();
  });

  it("leaves clicks that are not on links alone", () => {
    document.body.innerHTML = "<button>ok</button>";
    expect(click(document.querySelector("button") as Element)).toBe(false);
  });

  it("refuses form submission and dropped links", () => {
    document.body.innerHTML = '<form action="https://evil.example/"><button>go</button></form>';
    const submit = new Event("submit", { bubbles: true, cancelable: true });
    document.querySelector("form")?.dispatchEvent(submit);
    expect(submit.defaultPrevented).toBe(true);
    const drop = new Event("drop", { bubbles: true, cancelable: true });
    Object.defineProperty(drop, "dataTransfer", { value: { types: ["text/uri-list"] } });
    document.body.dispatchEvent(drop);
    expect(drop.defaultPrevented).toBe(true);
  });

  it("is gone once removed", () => {
    remove();
    document.body.innerHTML = '<a href="https://example.com/">x</a>';
    const e = new MouseEvent("click", { bubbles: true, cancelable: true });
    document.querySelector("a")?.addEventListener("click", (ev) => ev.preventDefault());
    document.querySelector("a")?.dispatchEvent(e);
    expect(ask).not.toHaveBeenCalled();
    remove = () => {};
  });
});
