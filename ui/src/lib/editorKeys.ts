/**
 * The story editor's own shortcuts, read on the window: Mod-E export, Mod-[ back to the library
 * (the one key that leaves the story, as the Back button), Mod-Shift-P the photos panel,
 * Mod-Shift-L the related panel, Mod-S save now, F8 the copy desk's next finding, and Esc, which
 * closes the open drawer and otherwise does nothing: Esc never leaves the story, from a field, a
 * button or a panel. A key something else already handled (the body, a drawer, a picker) is left
 * alone, as is every key while the export dialog is open (it is modal) and Esc while the shortcut
 * sheet or the link dialog is up (they close on it).
 * The shortcut sheet's list of these keys is lib/keys.ts.
 */
import { mod } from "./keys";

/** What the shortcuts do, supplied by the editor. */
export type EditorKeyActions = {
  /** The export dialog is open: it handles its own keys. */
  exporting: () => boolean;
  openExport: () => void;
  back: () => void;
  togglePhotos: () => void;
  toggleRelated: () => void;
  saveNow: () => void;
  /** F8: the copy desk's next finding after the caret. */
  nextFinding?: () => void;
  /** Closes the open drawer (Esc); false when none was open. */
  closeDrawer: () => boolean;
};

/** Dialogs that take Esc themselves while they are up. */
const ESC_TAKEN_BY = "[data-testid='shortcut-sheet'], [data-testid='link-dialog'], [data-testid='copy-popover']";

/** The window's keydown in the editor: runs the shortcut `e` stands for, if any. */
export function editorKeydown(e: KeyboardEvent, on: EditorKeyActions): void {
  if (e.defaultPrevented) return;
  // The export dialog is modal: it handles its own keys.
  if (on.exporting()) return;
  if (mod(e) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === "e") {
    e.preventDefault();
    on.openExport();
  } else if (mod(e) && e.key === "[") {
    e.preventDefault();
    on.back();
  } else if (mod(e) && e.shiftKey && !e.altKey && e.key.toLowerCase() === "p") {
    e.preventDefault();
    on.togglePhotos();
  } else if (mod(e) && e.shiftKey && !e.altKey && e.key.toLowerCase() === "l") {
    e.preventDefault();
    on.toggleRelated();
  } else if (mod(e) && e.key.toLowerCase() === "s") {
    e.preventDefault();
    on.saveNow();
  } else if (e.key === "F8" && !mod(e) && !e.altKey && !e.shiftKey && on.nextFinding) {
    e.preventDefault();
    on.nextFinding();
  } else if (e.key === "Escape" && !mod(e) && !e.altKey && !e.shiftKey) {
    if (document.querySelector(ESC_TAKEN_BY)) return;
    // Esc inside a drawer is the drawer's (Drawer.svelte); from anywhere else it closes the
    // open drawer. It never goes back to the library (Mod-[ and the Back button do).
    if (on.closeDrawer()) e.preventDefault();
  }
}
