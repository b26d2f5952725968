/**
 * Light or dark: the app follows the system's setting (`prefers-color-scheme`) unless Light or
 * Dark is chosen in Settings. The choice belongs to the machine, not the library: it is kept in the
 * webview's localStorage under `byline.theme` (nothing stored = follow the system), so it holds
 * whichever library is open, on the recovery screen when none can be, and when settings cannot be
 * saved to the library.
 *
 * On `<html>`: `data-theme="light"|"dark"` for a choice, no attribute to follow the system
 * (app.css has the colours of both), and the `color-scheme` meta for what the browser draws itself
 * (scroll bars, form controls, the page before the styles load).
 *
 * Applied before the first paint: the build turns this file into `theme-boot.js`, a classic script
 * `index.html` loads ahead of everything else, which calls `bootTheme()` (vite.config.ts). This file
 * must therefore import nothing.
 */

export type Theme = "system" | "light" | "dark";

/** The localStorage key. */
export const THEME_KEY = "byline.theme";

/** The choices, in the order Settings shows them. */
export const THEMES: ReadonlyArray<{ value: Theme; label: string; hint: string }> = [
  { value: "system", label: "System", hint: "Light or dark as the computer is set" },
  { value: "light", label: "Light", hint: "Always light" },
  { value: "dark", label: "Dark", hint: "Always dark" },
];

function isChoice(value: unknown): value is "light" | "dark" {
  return value === "light" || value === "dark";
}

/** The webview's localStorage, or null where it cannot be used. */
function defaultStore(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The stored choice; anything unreadable or unknown is "system". */
export function storedTheme(store: Storage | null = defaultStore()): Theme {
  try {
    const value = store?.getItem(THEME_KEY);
    return isChoice(value) ? value : "system";
  } catch {
    return "system";
  }
}

/** The theme the page shows now (what was applied last, kept or not). */
export function currentTheme(doc: Document = document): Theme {
  const value = doc.documentElement.getAttribute("data-theme");
  return isChoice(value) ? value : "system";
}

/** Puts `theme` on the page: the attribute app.css follows and the color-scheme meta. */
export function applyTheme(theme: Theme, doc: Document = document): void {
  const root = doc.documentElement;
  if (isChoice(theme)) root.setAttribute("data-theme", theme);
  else root.removeAttribute("data-theme");
  const meta = doc.querySelector<HTMLMetaElement>('meta[name="color-scheme"]');
  if (meta) meta.content = isChoice(theme) ? theme : "light dark";
}

/**
 * Settings' switch: applies `theme` at once and keeps it for the next start. Returns false when it
 * could not be kept (no storage, or storage refusing): the page shows it until the app closes.
 */
export function chooseTheme(theme: Theme, store: Storage | null = defaultStore(), doc: Document = document): boolean {
  applyTheme(theme, doc);
  if (store === null) return false;
  try {
    if (isChoice(theme)) store.setItem(THEME_KEY, theme);
    else store.removeItem(THEME_KEY);
    return true;
  } catch {
    return false;
  }
}

/** What `theme-boot.js` runs before the first paint: the stored choice, applied. */
export function bootTheme(): void {
  applyTheme(storedTheme());
}
