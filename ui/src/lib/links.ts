/**
 * Which link targets a story may carry: http, https, mailto, or another story (`story:<uuid>`),
 * the same rule the core enforces on save. Everything else (javascript:, data:, vbscript:,
 * file:, relative paths…) is refused, including obfuscated spellings.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Control characters and whitespace that browsers ignore inside a URL scheme. */
// eslint-disable-next-line no-control-regex
const IGNORED_IN_SCHEME = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/g;

/** Decodes HTML character references, in case a raw attribute value reaches us undecoded. */
function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number.parseInt(dec, 10)))
    .replace(/&tab;/gi, "\t")
    .replace(/&newline;/gi, "\n")
    .replace(/&colon;/gi, ":");
}

/** The scheme a browser would see, lower-cased, or null for a relative reference. */
export function schemeOf(href: string): string | null {
  const squashed = decodeEntities(href).replace(IGNORED_IN_SCHEME, "");
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(squashed);
  return m ? m[1].toLowerCase() : null;
}

/** True when `href` is a link target a story may carry. */
export function isAllowedHref(href: string): boolean {
  if (href !== href.trim() || href.length === 0) return false;
  const scheme = schemeOf(href);
  // Anything obfuscated (entities, control characters) is refused outright.
  if (decodeEntities(href).replace(IGNORED_IN_SCHEME, "") !== href) return false;
  switch (scheme) {
    case "http":
    case "https":
      try {
        const url = new URL(href);
        return url.hostname.length > 0;
      } catch {
        return false;
      }
    case "mailto":
      return href.length > "mailto:".length;
    case "story":
      return UUID.test(href.slice("story:".length));
    default:
      return false;
  }
}

export type HrefCheck = { ok: true; href: string } | { ok: false; message: string };

/**
 * Checks what a journalist typed into the link dialog. A bare domain ("example.com/page")
 * becomes https://; an address with "@" becomes mailto:.
 */
export function normaliseHref(input: string): HrefCheck {
  const raw = input.trim();
  if (raw === "") return { ok: false, message: "Enter a web address." };
  let href = raw;
  const scheme = schemeOf(raw);
  // "example.com:8080/x" parses as a scheme with a dot in it: treat it as a bare host too.
  if (scheme === null || scheme.includes(".")) {
    if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(raw)) href = `mailto:${raw}`;
    else if (/^[^\s/:]+\.[^\s/:]+/.test(raw)) href = `https://${raw}`;
  }
  if (isAllowedHref(href)) return { ok: true, href };
  const finalScheme = schemeOf(href);
  if (finalScheme !== null && !["http", "https", "mailto", "story"].includes(finalScheme)) {
    return { ok: false, message: `“${finalScheme}:” links are not allowed. Use http, https, mailto or a story link.` };
  }
  return { ok: false, message: "That is not a valid web address." };
}

/**
 * True when what was typed into the link dialog reads as an address (a scheme, a dot, an "@" or
 * a slash) rather than words of a headline to look up.
 */
export function looksLikeAddress(input: string): boolean {
  const t = input.trim();
  return schemeOf(t) !== null || /[./@:]/.test(t);
}

/**
 * Where following a link goes: another story of the library (`story:<uuid>`), the system's
 * browser or mail program (https with a host, mailto; the core opens those), or nowhere (http,
 * javascript:, data:, file:, relative or obfuscated addresses…).
 */
export type LinkTarget = { kind: "story"; id: string } | { kind: "external"; url: string } | { kind: "none" };

export function linkTarget(href: string | null | undefined): LinkTarget {
  if (typeof href !== "string" || !isAllowedHref(href)) return { kind: "none" };
  switch (schemeOf(href)) {
    case "story":
      return { kind: "story", id: href.slice("story:".length).toLowerCase() };
    case "https":
      try {
        const url = new URL(href);
        if (url.username !== "" || url.password !== "") return { kind: "none" };
      } catch {
        return { kind: "none" };
      }
      return { kind: "external", url: href };
    case "mailto":
      return { kind: "external", url: href };
    default:
      return { kind: "none" };
  }
}
