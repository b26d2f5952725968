/**
 * Cleans HTML pasted into the story body before TipTap parses it: DOMPurify (HTML profile,
 * no images, forms, styles or media) and only the link schemes a story may carry.
 */
import DOMPurify from "dompurify";
import { isAllowedHref } from "./links";

const FORBID_TAGS = [
  "img", "picture", "source", "video", "audio", "iframe", "object", "embed", "svg", "math",
  "style", "link", "meta", "form", "input", "button", "select", "textarea", "canvas", "template",
];

let purifier: ReturnType<typeof DOMPurify> | null = null;

function getPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const p = DOMPurify(window);
  p.addHook("afterSanitizeAttributes", (node) => {
    if (node instanceof Element && node.hasAttribute("href")) {
      const href = (node.getAttribute("href") ?? "").trim();
      if (!isAllowedHref(href)) node.removeAttribute("href");
      else node.setAttribute("href", href);
    }
    if (node instanceof Element && node.hasAttribute("src")) node.removeAttribute("src");
  });
  purifier = p;
  return p;
}

/** Sanitised HTML for TipTap's `transformPastedHTML`. Returns a string; nothing is put in the DOM. */
export function sanitizePastedHtml(html: string): string {
  return getPurifier().sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS,
    FORBID_ATTR: ["style", "class", "id", "srcset", "action", "formaction", "background", "target"],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|story:)/i,
    ALLOW_DATA_ATTR: false,
    ADD_ATTR: ["data-note", "data-use"],
  });
}
