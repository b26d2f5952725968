/**
 * The window's title, naming what it shows: "Library — Byline", "<headline> — Byline" for the
 * story being edited ("New story — Byline" while its headline is empty), plain "Byline" while a
 * story loads or the library is being recovered. App.svelte sets it (`document.title` and the
 * native window's, `Platform.setWindowTitle`) and is the only place that does.
 */

export const APP_NAME = "Byline";

export type TitledView =
  | { view: "library" }
  /** `headline` as typed; null while the story loads. */
  | { view: "story"; headline: string | null }
  | { view: "recovery" };

export function windowTitle(v: TitledView): string {
  if (v.view === "library") return `Library — ${APP_NAME}`;
  if (v.view === "recovery" || v.headline === null) return APP_NAME;
  return `${titleText(v.headline) || "New story"} — ${APP_NAME}`;
}

/** The longest headline a title shows, in characters; longer ones end in "…". */
export const TITLE_MAX = 80;

/**
 * A headline as one short, clean line for the window manager: whitespace runs as one space,
 * control characters (NUL included) dropped, a lone surrogate as U+FFFD, at most TITLE_MAX
 * characters. Whatever was typed or pasted, the native title gets a plain line of text.
 */
function titleText(headline: string): string {
  const clean = headline
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g, "")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
    .replace(/\s+/g, " ")
    .trim();
  const chars = Array.from(clean);
  return chars.length > TITLE_MAX ? `${chars.slice(0, TITLE_MAX - 1).join("").trimEnd()}…` : clean;
}
