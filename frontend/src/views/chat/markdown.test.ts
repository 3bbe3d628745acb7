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
