/** Link targets: only http, https, mailto and story:<uuid>, however the rest is spelled. */
import { describe, expect, it } from "vitest";
import { isAllowedHref, normaliseHref } from "../src/lib/links";

describe("isAllowedHref", () => {
  it.each([
    "https://example.com/news",
    "http://example.com",
    "mailto:desk@example.com",
    "story:0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
  ])("allows %s", (href) => expect(isAllowedHref(href)).toBe(true));

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "jav\tascript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "&#106;avascript:alert(1)",
    "java\u0000script:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.com",
    "/relative/path",
    "story:not-a-uuid",
    "https://",
    "mailto:",
    "",
  ])("refuses %j", (href) => expect(isAllowedHref(href)).toBe(false));
});

describe("normaliseHref (the link dialog)", () => {
  it("adds https:// to a bare domain", () => {
    expect(normaliseHref("example.com/page")).toEqual({ ok: true, href: "https://example.com/page" });
  });

  it("turns an e-mail address into mailto:", () => {
    expect(normaliseHref("desk@example.com")).toEqual({ ok: true, href: "mailto:desk@example.com" });
  });

  it("names the refused scheme", () => {
    const r = normaliseHref("javascript:alert(1)");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain("javascript:");
  });

  it("refuses an empty address", () => {
    expect(normaliseHref("   ").ok).toBe(false);
  });
});
