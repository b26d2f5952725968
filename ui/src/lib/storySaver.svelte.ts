/**
 * Saving the story being edited, apart from the view. Autosave (lib/autosave.ts) decides when;
 * this sends each StoryEdit and keeps the revision it is based on, the save state and the core's
 * message (for the status bar and the banner), settles a conflict (reload their version, or
 * overwrite with mine), restores a revision, adopts the status the core gave the story itself (a
 * send published it), and holds back leaving the story or opening another
 * while edits are unsaved. A read-only story (a damaged library) records no edits.
 * The editor owns the fields and the body: it is told through `StorySaverHost`.
 */
import type { Platform, SaveReceipt, Story, StoryEdit } from "../platform/types";
import { AppError, isConflict } from "../platform/errors";
import { Autosave, type SaveState } from "./autosave";
import { showToast } from "./toasts.svelte";

/** While keys go in, the core hears that the journalist types at most this often: its outbox
 * holds its next step until typing pauses. */
export const TYPING_NOTE_MS = 1000;

/** What saving needs from the editor. */
export type StorySaverHost = {
  platform: Pick<Platform, "saveStory" | "getStory" | "getRevision" | "restoreRevision" | "noteTyping">;
  storyId: string;
  /** The library is damaged and open read-only: edits are not recorded, nothing is saved. */
  readOnly: () => boolean;
  /** The fields and the body as they are now, as an edit based on `baseRevision`. */
  edit: (baseRevision: number) => StoryEdit;
  /** A save went through (the core may have given the story its slug). */
  saved: (receipt: SaveReceipt) => void;
  /** A version of the story from the core replaces what the editor shows (opened, reloaded, restored). */
  show: (story: Story) => void;
  /** The core changed the story's status itself (a send published it): the status and its date, not the text. */
  adopt: (story: Story) => void;
  /** The save state changed (what a screen reader hears of it: lib/saveAnnouncer.svelte.ts). */
  stateChanged?: (state: SaveState) => void;
};

export class StorySaver {
  /** Where the story's edits stand, as the status bar says it. */
  state = $state<SaveState>("saved");
  /** Why the last save failed (the core's message), or null; kept while the save is retried. */
  error = $state<string | null>(null);
  /**
   * A save failed and is being retried until one goes through: true through the retries' own
   * "saving", so the banner that says so stays up (and is said once) instead of coming and going.
   */
  retrying = $state(false);
  /** The revision the next save is based on. */
  revision = $state(0);

  readonly #host: StorySaverHost;
  readonly #autosave: Autosave;
  /** When the core last heard that the journalist types (ms since the epoch). */
  #typingNoted = -Infinity;
  /** Adoptions run one after the other. */
  #adopting: Promise<void> = Promise.resolve();

  constructor(host: StorySaverHost) {
    this.#host = host;
    this.#autosave = new Autosave({
      save: async () => {
        const saved = await host.platform.saveStory(host.edit(this.revision));
        this.revision = saved.revision;
        host.saved(saved);
      },
      isConflict,
      onChange: (state, err) => {
        this.state = state;
        if (state === "failed") this.retrying = true;
        else if (state === "saved" || state === "conflict") this.retrying = false;
        if (err) this.error = AppError.from(err, "save_story").message;
        else if (!this.retrying) this.error = null;
        host.stateChanged?.(state);
      },
    });
  }

  /** Edits are unsaved and saving has stopped: a failed save being retried, or a conflict. */
  get stuck(): boolean {
    const state = this.#autosave.state;
    return state === "failed" || state === "conflict";
  }

  /** The story as the core sent it: shown, and the next save based on its revision. */
  open(story: Story): void {
    this.revision = story.revision;
    this.#host.show(story);
  }

  /** Something was typed (a field, the status, the body): autosave times the save. */
  edited(): void {
    if (this.#host.readOnly()) return;
    this.#autosave.edited();
    const now = Date.now();
    if (now - this.#typingNoted >= TYPING_NOTE_MS) {
      this.#typingNoted = now;
      void this.#host.platform.noteTyping().catch(() => {});
    }
  }

  /** Saves now what is unsaved (Mod-S, "Save now", closing the window), and waits for it. */
  flush(): Promise<void> {
    return this.#autosave.flush();
  }

  /** Saves soon what is unsaved (a field left); nothing when all is saved. */
  flushSoon(): void {
    if (this.#autosave.dirty) void this.#autosave.flush();
  }

  /**
   * Runs `go` (leave the story, open another) once the story is saved; when it cannot be saved,
   * a toast says so and offers `anyway` to run it regardless.
   */
  async whenSaved(go: () => void, anyway: string): Promise<void> {
    await this.#autosave.flush();
    if (this.stuck) {
      showToast("This story is not saved yet.", { tone: "error", action: { label: anyway, run: () => go() } });
      return;
    }
    go();
  }

  /**
   * Before an export: sends a pending autosave so the export has the latest text (an export
   * itself saves nothing). False if edits are still unsaved (a failed save or a conflict).
   */
  async readyForExport(): Promise<boolean> {
    await this.#autosave.flush();
    return !this.#autosave.dirty && !this.stuck;
  }

  /** A conflict settled by taking their version: it replaces the fields, nothing is left to save. */
  async reloadTheirs(): Promise<void> {
    try {
      const story = await this.#host.platform.getStory(this.#host.storyId);
      this.open(story);
      this.#autosave.resolved(false);
    } catch (err) {
      showToast(`Could not reload: ${AppError.from(err, "get_story").message}`, { tone: "error" });
    }
  }

  /** A conflict settled by keeping mine: saved again, based on their latest revision. */
  async overwrite(): Promise<void> {
    try {
      const story = await this.#host.platform.getStory(this.#host.storyId);
      this.revision = story.revision;
      this.#autosave.resolved(true);
    } catch (err) {
      showToast(`Could not overwrite: ${AppError.from(err, "get_story").message}`, { tone: "error" });
    }
  }

  /**
   * A send published the story: the core saved it again with status "published", as a new
   * revision. Once the save in flight is done, the next save is based on that revision and carries
   * its status; the text being edited is left as it is, and a save that met the new revision
   * (a conflict) is sent again on it. Adopted only when the story's text and fields are as in the
   * revision the editor's saves are based on (both as the core stored them): a change of anything
   * else is someone else's edit, and stays a conflict for the journalist to settle.
   */
  adoptStatus(): Promise<void> {
    this.#adopting = this.#adopting.then(() => this.#adopt());
    return this.#adopting;
  }

  async #adopt(): Promise<void> {
    if (this.#host.readOnly()) return;
    await this.#autosave.idle();
    const base = this.revision;
    let story: Story;
    try {
      story = await this.#host.platform.getStory(this.#host.storyId);
      if (story.revision <= base) return;
      const [before, now] = await Promise.all([
        this.#host.platform.getRevision(this.#host.storyId, base),
        this.#host.platform.getRevision(this.#host.storyId, story.revision),
      ]);
      if (!sameApartFromStatus(before.story, now.story)) return;
    } catch (err) {
      console.error("could not read the story's new status", AppError.from(err, "get_story").message);
      return;
    }
    // A save that started meanwhile was based on `base` too: it ends in a conflict, settled below.
    await this.#autosave.idle();
    if (this.revision !== base) return;
    this.revision = story.revision;
    this.#host.adopt(story);
    if (this.#autosave.state === "conflict") this.#autosave.resolved(true);
  }

  /** Restores an older revision (after saving what is pending): the core stores it as a new one. */
  async restore(rev: number): Promise<void> {
    await this.#autosave.flush();
    try {
      const story = await this.#host.platform.restoreRevision(this.#host.storyId, rev, this.revision);
      this.open(story);
      this.#autosave.reset();
      showToast(`Restored revision ${rev}. Saved as revision ${story.revision}.`);
    } catch (err) {
      const e = AppError.from(err, "restore_revision");
      showToast(e.kind === "conflict" ? "This story was changed elsewhere; reload it first." : `Could not restore: ${e.message}`, { tone: "error" });
    }
  }

  /** The editor closes: what is unsaved is sent, then nothing more is saved. */
  dispose(): void {
    void this.#autosave.flush().finally(() => this.#autosave.dispose());
  }
}

/** Two stored versions of a story are the same but for their status (and the revision each was based on). */
function sameApartFromStatus(a: StoryEdit, b: StoryEdit): boolean {
  const fields = (e: StoryEdit) => ({ ...e, baseRevision: 0, status: "draft" });
  return canonical(fields(a)) === canonical(fields(b));
}

/** JSON with the keys of every object sorted, so that equal values read the same. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}
