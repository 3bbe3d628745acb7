// Markdown for answers. A model's output is untrusted text (it may repeat
// what a document, a web page or a tool said), so it is data, never markup
// that acts:
//   - raw HTML in an answer is shown as text, never parsed (marked's html
//     tokens are escaped);
//   - the HTML marked makes is sanitized by DOMPurify against an explicit
//     allowlist of the elements and attributes Markdown produces: no style,
//     no on* handlers, no forms, frames, SVG or MathML;
//   - links keep only absolute http, https and mailto hrefs, images only
//     https and data:image/ sources (checked on the decoded value, the one
//     the browser would follow); anything else loses its href or src.
// Clicking a link never navigates the window: see links.ts.
// Citations: an answer's "[n]" becomes a source button (data-cite="n") only
// when n is one of the sources stored with that answer, which render is
// given; any other "[n]", and any data-cite the renderer did not write, stays
// plain text. A source button opens nothing by itself: the chat asks the Go
// side to open source n of that answer, by number.
import { Marked, type Tokens } from "marked";
import DOMPurify from "dompurify";
import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import css from "highlight.js/lib/languages/css";
import go from "highlight.js/lib/languages/go";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import python from "highlight.js/lib/languages/python";
import rust from "highlight.js/lib/languages/rust";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";

for (const [name, lang] of Object.entries({ bash, css, go, javascript, json, python, rust, sql, typescript, xml })) {
  hljs.registerLanguage(name, lang);
}
hljs.registerAliases(["sh", "shell"], { languageName: "bash" });
hljs.registerAliases(["js"], { languageName: "javascript" });
hljs.registerAliases(["ts"], { languageName: "typescript" });
hljs.registerAliases(["html"], { languageName: "xml" });
hljs.registerAliases(["py"], { languageName: "python" });

function escape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** highlight returns the HTML of code, coloured when its language is known. */
function highlight(code: string, lang: string): string {
  if (lang && hljs.getLanguage(lang)) return hljs.highlight(code, { language: lang }).value;
  return escape(code);
}

/** allowedTags are the elements the Markdown renderer produces. */
const allowedTags = [
  "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "s", "code", "pre",
  "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "span",
  "div", "button",
];

/** allowedAttrs are the attributes the Markdown renderer produces. */
const allowedAttrs = ["href", "title", "src", "alt", "class", "align", "start", "type", "aria-label", "data-copy", "data-cite"];

/** allowedClass matches the classes the renderer and highlight.js set. */
const allowedClass = /^(?:hljs(?:-[\w-]+)?|[\w-]+_|code|copy|lang|task|cite|gone|language-[\w-]+)$/;

// Characters the URL parser strips or ignores, which would hide a scheme
// ("java\tscript:", "\x01javascript:").
// eslint-disable-next-line no-control-regex
const urlNoise = /[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]/g;

/**
 * safeHref says whether href (already entity-decoded, as the DOM holds it) is
 * an absolute http, https or mailto URL. Relative and protocol-relative
 * links fail: they would resolve against the app's own origin.
 */
export function safeHref(href: string): boolean {
  const bare = href.replace(urlNoise, "");
  if (bare !== href.trim() || !/^(?:https?:\/\/|mailto:)/i.test(bare)) return false;
  try {
    const u = new URL(bare);
    return u.protocol === "http:" || u.protocol === "https:" || u.protocol === "mailto:";
  } catch {
    return false;
  }
}

/** safeImageSrc says whether src is an https URL or a data:image/ (not SVG) URI. */
export function safeImageSrc(src: string): boolean {
  const bare = src.replace(urlNoise, "");
  if (bare !== src.trim()) return false;
  if (/^data:image\/(?:png|jpeg|gif|webp|avif|bmp)[;,]/i.test(bare)) return true;
  if (!/^https:\/\//i.test(bare)) return false;
  try {
    return new URL(bare).protocol === "https:";
  } catch {
    return false;
  }
}

/** Source is a numbered source of an answer, as render needs it: gone when it points nowhere. */
export interface Source {
  n: number;
  gone?: boolean;
}

// The sources of the answer being rendered, by number: set by render for
// the length of one synchronous parse and sanitize, empty otherwise.
let activeSources = new Map<number, Source>();

/** citeButton is the HTML of source n's button. */
function citeButton(s: Source): string {
  const label = s.gone ? `Source ${s.n}: changed or missing` : `Source ${s.n}`;
  return `<button type="button" class="cite${s.gone ? " gone" : ""}" data-cite="${s.n}" aria-label="${label}">[${s.n}]</button>`;
}

const marked = new Marked({
  gfm: true,
  breaks: true,
  extensions: [
    {
      name: "cite",
      level: "inline",
      start: (src: string) => src.match(/\[\d{1,3}\]/)?.index,
      tokenizer(src: string) {
        const m = /^\[(\d{1,3})\](?![(:[])/.exec(src);
        const source = m ? activeSources.get(Number(m[1])) : undefined;
        return source ? { type: "cite", raw: m![0], source } : undefined;
      },
      renderer: (token) => citeButton(token.source as Source),
    },
  ],
  renderer: {
    // Raw HTML, block or inline, is shown as the text it is.
    html({ text, block }: Tokens.HTML | Tokens.Tag): string {
      return block ? `<p>${escape(text)}</p>` : escape(text);
    },
    checkbox({ checked }: Tokens.Checkbox): string {
      return `<span class="task">${checked ? "\u2611" : "\u2610"}</span> `;
    },
    code({ text, lang }: Tokens.Code): string {
      const language = (lang ?? "").split(/\s/)[0].toLowerCase();
      const label = language ? `<span class="lang">${escape(language)}</span>` : "";
      return (
        `<div class="code">${label}<button type="button" class="copy" data-copy aria-label="Copy code">Copy</button>` +
        `<pre><code class="hljs">${highlight(text, language)}</code></pre></div>`
      );
    },
  },
});

const purify = DOMPurify();

// After DOMPurify's own checks: hrefs and image sources by the rules above,
// classes only the renderer's, links marked as leaving the app.
purify.addHook("afterSanitizeAttributes", (node) => {
  const el = node as Element;
  if (!el.getAttribute) return;
  const href = el.getAttribute("href");
  if (href !== null && (el.tagName !== "A" || !safeHref(href))) el.removeAttribute("href");
  const src = el.getAttribute("src");
  if (src !== null && (el.tagName !== "IMG" || !safeImageSrc(src))) el.removeAttribute("src");
  if (el.tagName === "IMG" && !el.hasAttribute("src")) {
    el.replaceWith(el.ownerDocument.createTextNode(el.getAttribute("alt") ?? ""));
    return;
  }
  const cls = el.getAttribute("class");
  if (cls !== null) {
    const kept = cls.split(/\s+/).filter((c) => allowedClass.test(c));
    if (kept.length) el.setAttribute("class", kept.join(" "));
    else el.removeAttribute("class");
  }
  if (el.hasAttribute("data-copy") && el.tagName !== "BUTTON") el.removeAttribute("data-copy");
  const cite = el.getAttribute("data-cite");
  if (cite !== null && (el.tagName !== "BUTTON" || !/^\d{1,3}$/.test(cite) || !activeSources.has(Number(cite)))) {
    el.removeAttribute("data-cite");
  }
  if (el.tagName === "BUTTON") el.setAttribute("type", "button");
  if (el.tagName === "A" && el.hasAttribute("href")) el.setAttribute("rel", "noopener noreferrer");
});

/**
 * render turns Markdown into sanitized HTML; the one entry point of answer
 * rendering. sources are the answer's stored sources: their "[n]" become
 * source buttons, nothing else does.
 */
export function render(md: string, sources: readonly Source[] = []): string {
  activeSources = new Map(sources.map((s) => [s.n, s]));
  try {
    return sanitize(marked.parse(md, { async: false }) as string);
  } finally {
    activeSources = new Map();
  }
}

function sanitize(html: string): string {
  return purify.sanitize(html, {
    ALLOWED_TAGS: allowedTags,
    ALLOWED_ATTR: allowedAttrs,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|data:image\/)/i,
    ADD_ATTR: ["rel"],
    // Text and numbers, never followed as URLs; their values are checked in the hook.
    ADD_URI_SAFE_ATTR: ["data-cite", "aria-label"],
  }) as string;
}
