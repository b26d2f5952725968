/**
 * What the editor's save states say to a screen reader, in the one polite live region that speaks
 * of saving (the status bar's): "Saved" once typing has paused and the save is done (the story's,
 * or "Photo details saved" for the caption editor's), never "Unsaved changes" or "Saving…", and
 * not after every save while typing goes on (autosave saves at least every 1.5 s then). A save is
 * said only when its state has stayed "saved" for `quietMs`: the next key press comes sooner while
 * someone types. Failures and conflicts are not said here: the save banner is an alert, shown at
 * once and kept while the save is retried, and error toasts are alerts.
 */
import type { SaveState } from "./autosave";

/** How long a save state stays "saved" before it is said. */
export const SAVED_QUIET_MS = 1000;

export class SaveAnnouncer {
  /** The live region's text ("" between announcements, so the next "Saved" is a change). */
  message = $state("");

  readonly #quietMs: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Something was edited since the last announcement (opening a story says nothing). */
  #pending = false;

  constructor(quietMs = SAVED_QUIET_MS) {
    this.#quietMs = quietMs;
  }

  /** A save state changed: the story's, or (with `saved` "Photo details saved") a photo's. */
  update(state: SaveState, saved = "Saved"): void {
    this.#cancel();
    if (state !== "saved") {
      this.message = "";
      this.#pending = true;
      return;
    }
    if (!this.#pending) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#pending = false;
      this.message = saved;
    }, this.#quietMs);
  }

  dispose(): void {
    this.#cancel();
  }

  #cancel(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
