/**
 * The outbox as the app shows it: the items (newest first, as `list_outbox` gives them), whether
 * the panel is open, and the count of items not done with for the Outbox buttons' badge. While the
 * panel is open and an item is queued or sending, the outbox is read again every second; it stops
 * when the panel closes or nothing moves. Closed, it is read when asked (the app's start, a change
 * of view, a send, the panel closing), so the badge follows without polling in the background.
 * Whoever shows a story can listen for it being published by a send (`onPublished`): the core then
 * marks the story published, as a new revision.
 */
import type { OutboxItem, Platform } from "../platform/types";
import { AppError } from "../platform/errors";
import { MOVING, UNSENT } from "./publish";

export const POLL_MS = 1000;

export class Outbox {
  items = $state.raw<OutboxItem[]>([]);
  /** The panel is open. */
  open = $state(false);
  /** The panel takes the focus when it opens (the button, the shortcut), not after a send. */
  focusOnOpen = $state(true);
  /** The outbox has been read once. */
  loaded = $state(false);
  /** Why the outbox could not be read, or an action failed. */
  error = $state<string | null>(null);
  /** Items with an action under way, by id. */
  busy = $state.raw<ReadonlySet<number>>(new Set());

  readonly unsent = $derived(this.items.filter((i) => UNSENT.includes(i.state)).length);
  readonly moving = $derived(this.items.some((i) => MOVING.includes(i.state)));

  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly published = new Set<(item: OutboxItem) => void>();
  private reading: Promise<void> | null = null;
  private disposed = false;

  constructor(
    private readonly platform: Platform,
    private readonly pollMs = POLL_MS,
  ) {}

  /** Reads the outbox (one read at a time), then polls again while the panel is open and items move. */
  refresh(): Promise<void> {
    if (this.reading) return this.reading;
    this.reading = (async () => {
      try {
        this.take(await this.platform.listOutbox());
        this.loaded = true;
        if (this.error?.startsWith("The outbox could not be read")) this.error = null;
      } catch (err) {
        this.error = `The outbox could not be read: ${AppError.from(err, "list_outbox").message}`;
      } finally {
        this.reading = null;
        this.poll();
      }
    })();
    return this.reading;
  }

  show(opts: { focus?: boolean } = {}): void {
    this.focusOnOpen = opts.focus ?? true;
    this.open = true;
    void this.refresh();
  }

  hide(): void {
    this.open = false;
    this.stop();
    // The badge follows what happened while the panel was open.
    void this.refresh();
  }

  toggle(): void {
    if (this.open) this.hide();
    else this.show();
  }

  /** A story was queued: shown at the top at once, then the panel opens on it. */
  queued(item: OutboxItem): void {
    this.take([item, ...this.items.filter((i) => i.id !== item.id && !(i.state === "queued" && i.storyId === item.storyId && i.destination === item.destination))]);
    this.show({ focus: false });
  }

  retry(id: number, overwrite: boolean): Promise<void> {
    return this.act(id, () => this.platform.retryOutbox(id, overwrite), "retry_outbox");
  }

  cancel(id: number): Promise<void> {
    return this.act(id, () => this.platform.cancelOutbox(id), "cancel_outbox");
  }

  /**
   * Calls `listener` with each item sent with status "publish" that the outbox sees arrive: one
   * it showed not sent yet, or a new one once it has been read. The core has then marked the
   * story published (a new revision). Answers the function that stops listening.
   */
  onPublished(listener: (item: OutboxItem) => void): () => void {
    this.published.add(listener);
    return () => this.published.delete(listener);
  }

  dispose(): void {
    this.disposed = true;
    this.published.clear();
    this.stop();
  }

  private async act(id: number, run: () => Promise<OutboxItem>, command: string): Promise<void> {
    if (this.busy.has(id)) return;
    this.busy = new Set([...this.busy, id]);
    this.error = null;
    try {
      const item = await run();
      this.take(this.items.map((i) => (i.id === id ? item : i)));
    } catch (err) {
      this.error = AppError.from(err, command).message;
    } finally {
      const next = new Set(this.busy);
      next.delete(id);
      this.busy = next;
    }
    await this.refresh();
  }

  /** Shows `items`, and tells the listeners of the items just sent with status "publish". */
  private take(items: OutboxItem[]): void {
    const before = new Map(this.items.map((i) => [i.id, i.state]));
    const wasLoaded = this.loaded;
    this.items = items;
    for (const item of items) {
      if (item.state !== "sent" || item.status !== "publish") continue;
      const was = before.get(item.id);
      if (was === "sent" || (was === undefined && !wasLoaded)) continue;
      for (const listener of [...this.published]) {
        try {
          listener(item);
        } catch (err) {
          console.error("an outbox listener failed", err);
        }
      }
    }
  }

  private poll(): void {
    this.stop();
    if (this.disposed || !this.open || !this.moving) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.refresh();
    }, this.pollMs);
  }

  private stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
