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
  // A headline is one line in the title, however it was typed.
  const headline = v.headline.replace(/\s+/g, " ").trim();
  return `${headline || "New story"} — ${APP_NAME}`;
}
