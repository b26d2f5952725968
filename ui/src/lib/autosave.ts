/**
 * Autosave: a small state machine, independent of Svelte, that decides *when* to save a story.
 * The caller supplies `save()` (build a StoryEdit from the current fields, send it, take the new
 * revision); this module only times it:
 * - 500 ms after typing pauses (debounce), and at least every 1.5 s while typing goes on (max
 *   wait), so a crash loses at most the last second or two of typing (a caller may drop the max
 *   wait: the caption editor saves only when typing pauses);
 * - `flush()` saves now (field blur, leaving the editor, closing the window);
 * - one save in flight at a time; edits made meanwhile are saved right after it returns;
 * - a failed save (a full disk, a damaged library) keeps the text and the state "failed" (with the
 *   core's error) and retries with backoff 1 s, 2 s, 4 s … 15 s until a save goes through;
 * - a conflict stops saving until the caller resolves it (`resolved()` after reload/overwrite).
 */

export type SaveState = "saved" | "dirty" | "saving" | "failed" | "conflict";

export type AutosaveOptions = {
  save: () => Promise<void>;
  isConflict: (err: unknown) => boolean;
  onChange?: (state: SaveState, error: unknown) => void;
  debounceMs?: number;
  /** null: no max wait, a save only once typing pauses. */
  maxWaitMs?: number | null;
  backoffMs?: readonly number[];
};

export const DEFAULT_BACKOFF_MS: readonly number[] = [1000, 2000, 4000, 8000, 15000];
/** Longest time typing goes on without a save starting. */
export const DEFAULT_MAX_WAIT_MS = 1500;

type Timer = ReturnType<typeof setTimeout>;

export class Autosave {
  private readonly opts: Required<Omit<AutosaveOptions, "onChange">> & Pick<AutosaveOptions, "onChange">;
  private _state: SaveState = "saved";
  private _error: unknown = null;
  /** Bumped on every edit; a save covers the edits up to the value it started with. */
  private editSeq = 0;
  private savedSeq = 0;
  private inFlight: Promise<void> | null = null;
  private debounceTimer: Timer | null = null;
  private maxWaitTimer: Timer | null = null;
  private retryTimer: Timer | null = null;
  private failures = 0;
  private disposed = false;

  constructor(opts: AutosaveOptions) {
    this.opts = {
      debounceMs: 500,
      maxWaitMs: DEFAULT_MAX_WAIT_MS,
      backoffMs: DEFAULT_BACKOFF_MS,
      ...opts,
    };
  }

  get state(): SaveState {
    return this._state;
  }

  get error(): unknown {
    return this._error;
  }

  /** True while some edit has not reached the core yet. */
  get dirty(): boolean {
    return this.editSeq !== this.savedSeq;
  }

  /** Record an edit. Schedules a save unless saving is paused by a failure or a conflict. */
  edited(): void {
    if (this.disposed) return;
    this.editSeq += 1;
    if (this._state === "conflict" || this._state === "failed") return; // the retry (or the user) saves it
    if (this._state === "saved") this.setState("dirty");
    this.clear("debounce");
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      void this.run();
    }, this.opts.debounceMs);
    if (this.maxWaitTimer === null && this.opts.maxWaitMs !== null) {
      this.maxWaitTimer = setTimeout(() => {
        this.maxWaitTimer = null;
        void this.run();
      }, this.opts.maxWaitMs);
    }
  }

  /** Save now if anything is unsaved, and wait for it (and any save it queued) to finish. */
  async flush(): Promise<void> {
    if (this.disposed || this._state === "conflict") return;
    this.clear("debounce", "maxWait", "retry");
    // Wait out a save in flight, then save what came after it.
    for (let guard = 0; guard < 5; guard++) {
      if (this.inFlight) {
        await this.inFlight;
        continue;
      }
      if (!this.dirty || this.current() === "conflict") return;
      await this.run();
      const after = this.current();
      if (after === "failed" || after === "conflict") return;
    }
  }

  /** Waits for the save in flight (and any save it queued) to finish, without starting one. */
  async idle(): Promise<void> {
    for (let guard = 0; guard < 5 && this.inFlight; guard++) await this.inFlight;
  }

  /** After a conflict the caller reloaded (`dirty=false`) or rebased for overwrite (`dirty=true`). */
  resolved(stillDirty: boolean): void {
    this.clear("debounce", "maxWait", "retry");
    this.failures = 0;
    this._error = null;
    if (stillDirty) {
      if (!this.dirty) this.editSeq += 1;
      this.setState("dirty");
      void this.run();
    } else {
      this.savedSeq = this.editSeq;
      this.setState("saved");
    }
  }

  /** Forget pending edits (e.g. after loading a different version into the editor). */
  reset(): void {
    this.clear("debounce", "maxWait", "retry");
    this.failures = 0;
    this._error = null;
    this.savedSeq = this.editSeq;
    this.setState("saved");
  }

  dispose(): void {
    this.disposed = true;
    this.clear("debounce", "maxWait", "retry");
  }

  /** The state, read fresh (not narrowed by earlier checks across awaits). */
  private current(): SaveState {
    return this._state;
  }

  private clear(...which: Array<"debounce" | "maxWait" | "retry">): void {
    for (const w of which) {
      if (w === "debounce" && this.debounceTimer !== null) {
        clearTimeout(this.debounceTimer);
        this.debounceTimer = null;
      } else if (w === "maxWait" && this.maxWaitTimer !== null) {
        clearTimeout(this.maxWaitTimer);
        this.maxWaitTimer = null;
      } else if (w === "retry" && this.retryTimer !== null) {
        clearTimeout(this.retryTimer);
        this.retryTimer = null;
      }
    }
  }

  private setState(state: SaveState, error: unknown = null): void {
    this._state = state;
    this._error = error;
    this.opts.onChange?.(state, error);
  }

  /** Starts a save, or queues one behind the save in flight. */
  private run(): Promise<void> {
    if (this.disposed || this._state === "conflict") return Promise.resolve();
    if (this.inFlight) {
      // The flight's completion handler sees the newer edit and saves again.
      return this.inFlight;
    }
    if (!this.dirty) {
      if (this._state !== "saved") this.setState("saved");
      return Promise.resolve();
    }
    this.clear("debounce", "maxWait", "retry");
    const covers = this.editSeq;
    this.setState("saving");
    const flight = (async () => {
      try {
        await this.opts.save();
        this.savedSeq = Math.max(this.savedSeq, covers);
        this.failures = 0;
        this.inFlight = null;
        if (this.disposed) return;
        if (this.dirty) {
          this.setState("dirty");
          void this.run();
        } else {
          this.setState("saved");
        }
      } catch (err) {
        this.inFlight = null;
        if (this.disposed) return;
        if (this.opts.isConflict(err)) {
          this.setState("conflict", err);
          return;
        }
        const delay = this.opts.backoffMs[Math.min(this.failures, this.opts.backoffMs.length - 1)];
        this.failures += 1;
        this.setState("failed", err);
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          void this.run();
        }, delay);
      }
    })();
    this.inFlight = flight;
    return flight;
  }
}

/** What the status bar says for each state. */
export function saveStateLabel(state: SaveState): string {
  switch (state) {
    case "saved":
      return "Saved";
    case "dirty":
      return "Unsaved changes";
    case "saving":
      return "Saving…";
    case "failed":
      return "Not saved — retrying";
    case "conflict":
      return "Changed elsewhere";
  }
}
