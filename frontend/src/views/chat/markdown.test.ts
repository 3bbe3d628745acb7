import { describe, expect, it } from "vitest";
import { render } from "./markdown";

describe("render", () => {
  it("renders Markdown", () => {
    const html = render("Some **bold** text\n\n- one\n- two");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<li>one</li>");
  });

  it("removes scripts, event handlers and javascript: links", () => {
    const html = render(
      'Hi <script>alert(1)</script><img src="x" onerror="alert(2)"> [link](javascript:alert(3)) <a href="javascript:alert(4)">a</a>',
    );
    const root = new DOMParser().parseFromString(html, "text/html").body;
    expect(root.querySelector("script")).toBeNull();
    expect(root.querySelector("[onerror]")).toBeNull();
    expect(root.querySelector("a[href]")).toBeNull();
    expect(root.textContent).toContain('<img src="x" onerror="alert(2)">');
  });

  it("highlights code and adds a copy button", () => {
    const html = render("```go\nfunc main() {}\n```");
    expect(html).toContain('class="copy"');
    expect(html).toContain("data-copy");
    expect(html).toMatch(/<span class="hljs-keyword">func<\/span>/);
  });

  it("escapes code in an unknown language", () => {
    const html = render("```nope\n<b>x</b>\n```");
    expect(html).toContain("&lt;b&gt;x&lt;/b&gt;");
  });
});

describe("citations", () => {
  const doc = (html: string) => {
    const d = document.createElement("div");
    d.innerHTML = html;
    return d;
  };
  it("makes buttons only of the numbers stored as sources", () => {
    const d = doc(render("The pebble is blue [1]. Tea is hot [2]. See [7].", [{ n: 1 }, { n: 2, gone: true }]));
    const buttons = [...d.querySelectorAll("button[data-cite]")];
    expect(buttons.map((b) => [b.getAttribute("data-cite"), b.className, b.getAttribute("aria-label")])).toEqual([
      ["1", "cite", "Source 1"],
      ["2", "cite gone", "Source 2: changed or missing"],
    ]);
    expect(d.textContent).toContain("See [7].");
  });
  it("without sources, nothing is a button", () => {
    expect(doc(render("Blue [1].")).querySelector("button")).toBeNull();
  });
  it.each([
    ["raw HTML stays text; its [1] is the real citation", '<button data-cite="2" class="cite">x</button> [1]', 1],
    ["a link", "[1](https://example.com)", 0],
    ["inline code", "`[1]`", 0],
    ["a code block", "```\n[1]\n```", 0],
    ["a reference definition: no link, the citation only", "[1]: https://example.com\n\nsee [1]", 1],
    ["a number that is not a source", "see [2] and [12]", 0],
  ])("%s", (_, md, count) => {
    const d = doc(render(md, [{ n: 1 }]));
    const cites = [...d.querySelectorAll("[data-cite]")];
    expect(cites.map((c) => [c.tagName, c.getAttribute("data-cite"), c.className])).toEqual(
      Array(count).fill(["BUTTON", "1", "cite"]),
    );
    expect(d.querySelectorAll("button.cite").length).toBe(count);
    if (md.includes("[1]: ")) expect(d.querySelector("a")).toBeNull();
  });
  it("a later render without sources makes no buttons", () => {
    render("x [1]", [{ n: 1 }]);
    expect(doc(render("x [1]")).querySelector("[data-cite]")).toBeNull();
  });
});
