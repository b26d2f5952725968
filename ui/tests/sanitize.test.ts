/** Pasted HTML loses scripts, handlers and dangerous links before TipTap sees it. */
import { describe, expect, it } from "vitest";
import { sanitizePastedHtml } from "../src/lib/sanitize";

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, "text/html");
}

function assertHarmless(clean: string): void {
  const d = parse(clean);
  expect(d.querySelectorAll("script, img, iframe, svg, style, object, embed").length).toBe(0);
  for (const el of Array.from(d.querySelectorAll("*"))) {
    for (const attr of Array.from(el.attributes)) {
      expect(attr.name.startsWith("on"), `${el.tagName} ${attr.name}`).toBe(false);
    }
    const href = el.getAttribute("href");
    if (href !== null) expect(href).toMatch(/^(https?:|mailto:|story:)/);
  }
  expect(clean.toLowerCase()).not.toContain("javascript");
  expect(clean.toLowerCase()).not.toContain("alert(");
}

describe("sanitizePastedHtml", () => {
  it("drops handlers, scripts and javascript links, keeping the text", () => {
    const clean = sanitizePastedHtml(
      `<img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a><a href=" jav&#x09;ascript:alert(1)">y</a><script>alert(1)</script><p onclick="alert(1)">para</p>`,
    );
    assertHarmless(clean);
    const d = parse(clean);
    expect(d.body.textContent).toContain("x");
    expect(d.body.textContent).toContain("y");
    expect(d.body.textContent).toContain("para");
    expect(d.querySelectorAll("a[href]").length).toBe(0);
  });

  it.each([
    `<a href="JAVASCRIPT:alert(1)">a</a>`,
    `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">a</a>`,
    `<a href="java&#x0A;script:alert(1)">a</a>`,
    `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">a</a>`,
    `<a href="vbscript:msgbox(1)">a</a>`,
    `<a href="  data:text/html,<script>alert(1)</script>">a</a>`,
    `<svg><a xlink:href="javascript:alert(1)"><text>a</text></a></svg>`,
    `<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">a</button></form>`,
    `<iframe src="javascript:alert(1)"></iframe><object data="javascript:alert(1)"></object>`,
    `<div style="background:url(javascript:alert(1))" onmouseover="alert(1)">a</div>`,
  ])("neutralises %s", (html) => {
    assertHarmless(sanitizePastedHtml(html));
  });

  it("keeps allowed links and formatting", () => {
    const clean = sanitizePastedHtml(
      `<p><strong>Bold</strong> <em>it</em> <a href="https://example.com/x" target="_blank" style="color:red">site</a> <a href="mailto:desk@example.com">mail</a></p>`,
    );
    const d = parse(clean);
    expect(d.querySelector("strong")?.textContent).toBe("Bold");
    expect(d.querySelector("em")?.textContent).toBe("it");
    const hrefs = Array.from(d.querySelectorAll("a")).map((a) => a.getAttribute("href"));
    expect(hrefs).toEqual(["https://example.com/x", "mailto:desk@example.com"]);
    expect(d.querySelector("a")?.hasAttribute("style")).toBe(false);
    expect(d.querySelector("a")?.hasAttribute("target")).toBe(false);
  });
});
