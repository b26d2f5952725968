/**
 * A story's language: a BCP 47 tag (`en-US`, `fr`, `ar`). The languages the editor offers, the
 * check a tag must pass (the core's `check_language`: 2–3 letters, then `-` parts of 1–8 letters
 * or digits, written in the usual case), and which way the text runs. The news fields and the
 * body carry `lang` and `dir` from here, so right-to-left text and mixed-direction runs keep
 * their order.
 */

/** The language of a story nobody chose one for (the core's default). */
export const DEFAULT_LANGUAGE = "en-US";

/** The languages the story settings offer, by name. */
export const LANGUAGES: ReadonlyArray<{ tag: string; name: string }> = [
  { tag: "en-US", name: "English (US)" },
  { tag: "en-GB", name: "English (UK)" },
  { tag: "fr", name: "French" },
  { tag: "es", name: "Spanish" },
  { tag: "de", name: "German" },
  { tag: "ar", name: "Arabic" },
];

/** Languages written right to left, by their primary subtag. */
const RIGHT_TO_LEFT = new Set(["ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "syr", "ug", "ur", "yi"]);

/** Trims as the core does (Rust's `str::trim`: Unicode White_Space, which leaves U+FEFF, unlike JS's `trim`). */
function trim(s: string): string {
  return s.replace(/^\p{White_Space}+|\p{White_Space}+$/gu, "");
}

/** The primary subtag of a tag, lower case (`ar-EG` → `ar`). */
function primary(tag: string): string {
  return trim(tag).split("-")[0].toLowerCase();
}

/** Whether text in this language runs right to left. */
export function isRightToLeft(tag: string): boolean {
  return RIGHT_TO_LEFT.has(primary(tag));
}

/** The `dir` of text in this language. */
export function directionOf(tag: string): "rtl" | "ltr" {
  return isRightToLeft(tag) ? "rtl" : "ltr";
}

/**
 * A tag as typed, checked and in its usual case (`EN-us` → `en-US`, `zh-hant` → `zh-Hant`), as
 * the core stores it; null when it is not a language tag.
 */
export function checkLanguage(tag: string): string | null {
  const t = trim(tag);
  if (t.length > 35) return null;
  const [first, ...rest] = t.split("-");
  if (!/^[A-Za-z]{2,3}$/.test(first)) return null;
  if (!rest.every((p) => /^[A-Za-z0-9]{1,8}$/.test(p))) return null;
  const parts = rest.map((p) => {
    if (/^[A-Za-z]{2}$/.test(p)) return p.toUpperCase();
    if (/^[A-Za-z]{4}$/.test(p)) return p[0].toUpperCase() + p.slice(1).toLowerCase();
    return p.toLowerCase();
  });
  return [first.toLowerCase(), ...parts].join("-");
}

/** The choices for a story in `current`: the offered languages, and `current` (by its tag) when it is another. */
export function languageChoices(current: string): Array<{ tag: string; name: string }> {
  const offered = [...LANGUAGES];
  return offered.some((l) => l.tag === current) || current === "" ? offered : [...offered, { tag: current, name: current }];
}
