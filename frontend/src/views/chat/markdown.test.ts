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
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/onerror/i);
    expect(html).not.toMatch(/javascript:/i);
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
