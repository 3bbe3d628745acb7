// The window never navigates away from the app. Every click on a link (in an
// answer or anywhere else: defence in depth under the renderer's own rules)
// is stopped in the capture phase, before any page script or the browser's
// default action; a link that may leave (absolute http, https or mailto) is
// handed to ask, which confirms it and opens the system browser. Form
// submissions and drops of links onto the page, which would navigate too,
// are refused the same way.
import { safeHref } from "../views/chat/markdown";

/** anchorOf returns the link an event happened on, if any. */
function anchorOf(e: Event): HTMLAnchorElement | SVGAElement | null {
  for (const t of e.composedPath()) {
    if (t instanceof Element && t.localName === "a") return t as HTMLAnchorElement;
  }
  return null;
}

/** linkHref is the href of a link as written (xlink:href for SVG), or null. */
function linkHref(a: Element): string | null {
  return a.getAttribute("href") ?? a.getAttributeNS("http://www.w3.org/1999/xlink", "href");
}

/**
 * installLinkGuard stops link navigation, form submission and link drops in
 * win, and calls ask with the URL of a link that may be opened outside. It
 * returns a function that removes the guard.
 */
export function installLinkGuard(win: Window, ask: (url: string) => void): () => void {
  const onClick = (e: MouseEvent) => {
    const a = anchorOf(e);
    if (!a) return;
    const href = linkHref(a);
    if (href === null) return;
    e.preventDefault();
    if (e.type === "click" && e.button === 0 && safeHref(href)) ask(href.trim());
  };
  const refuse = (e: Event) => e.preventDefault();
  const onDrop = (e: DragEvent) => {
    if (!e.dataTransfer?.types.includes("Files")) e.preventDefault();
  };
  const doc = win.document;
  doc.addEventListener("click", onClick, true);
  doc.addEventListener("auxclick", onClick, true);
  doc.addEventListener("submit", refuse, true);
  doc.addEventListener("dragover", onDrop, true);
  doc.addEventListener("drop", onDrop, true);
  return () => {
    doc.removeEventListener("click", onClick, true);
    doc.removeEventListener("auxclick", onClick, true);
    doc.removeEventListener("submit", refuse, true);
    doc.removeEventListener("dragover", onDrop, true);
    doc.removeEventListener("drop", onDrop, true);
  };
}
