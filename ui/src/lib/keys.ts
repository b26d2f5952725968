/** Keyboard helpers: "Mod" is Cmd on macOS and Ctrl elsewhere; the shortcut sheet's contents. */

export const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

export function mod(e: KeyboardEvent | MouseEvent): boolean {
  return isMac ? e.metaKey : e.ctrlKey;
}

export const MOD_LABEL = isMac ? "⌘" : "Ctrl";

/** "Mod" as `aria-keyshortcuts` spells it. */
export const MOD_ARIA = isMac ? "Meta" : "Control";

export type Shortcut = { keys: string[]; what: string };

export const SHORTCUTS: Array<{ group: string; items: Shortcut[] }> = [
  {
    group: "Library",
    items: [
      { keys: [MOD_LABEL, "N"], what: "New story" },
      { keys: [MOD_LABEL, "K"], what: "Search all stories" },
      { keys: ["/"], what: "Search all stories" },
      { keys: ["↑ ↓"], what: "Move between stories or search results" },
      { keys: ["Enter"], what: "Open story" },
      { keys: ["Delete"], what: "Move story to trash" },
    ],
  },
  {
    group: "Editor",
    items: [
      { keys: [MOD_LABEL, "["], what: "Back to the library" },
      { keys: ["Esc"], what: "Close the open panel (never leaves the story)" },
      { keys: [MOD_LABEL, "S"], what: "Save now" },
      { keys: [MOD_LABEL, "Shift", "P"], what: "Photos panel" },
      { keys: [MOD_LABEL, "Shift", "L"], what: "Related posts and links" },
      { keys: ["F8"], what: "Copy desk: go to the next finding" },
      { keys: [MOD_LABEL, "."], what: "Copy desk: suggestions for the word at the cursor" },
      { keys: ["Alt", "↑ ↓"], what: "Move a related post up or down" },
      { keys: ["@"], what: "Link another story (in the text)" },
      { keys: [MOD_LABEL, "E"], what: "Export…" },
      { keys: [MOD_LABEL, "B"], what: "Bold" },
      { keys: [MOD_LABEL, "I"], what: "Italic" },
      { keys: [MOD_LABEL, "K"], what: "Link" },
      { keys: [MOD_LABEL, "click"], what: "Follow a link (https and mail open outside Byline)" },
      { keys: [MOD_LABEL, "Enter"], what: "Follow the link at the cursor" },
      { keys: [MOD_LABEL, "Shift", "K"], what: "Note (TK), not exported" },
      { keys: [MOD_LABEL, "Alt", "2–4"], what: "Heading 2–4" },
      { keys: [MOD_LABEL, "Shift", "8"], what: "Bullet list" },
      { keys: [MOD_LABEL, "Shift", "7"], what: "Numbered list" },
      { keys: [MOD_LABEL, "Shift", "B"], what: "Quote" },
      { keys: [MOD_LABEL, "Z"], what: "Undo" },
      { keys: [MOD_LABEL, "Shift", "Z"], what: "Redo" },
    ],
  },
  {
    group: "Anywhere",
    items: [
      { keys: ["?"], what: "This sheet (outside text fields)" },
      { keys: [MOD_LABEL, "/"], what: "This sheet" },
      { keys: [MOD_LABEL, "Shift", "O"], what: "Outbox: stories sent to WordPress and Ghost" },
    ],
  },
];
