/**
 * Lays out a long story body in slices once it opens. Laying out 20,000 words at once holds the
 * window for a few hundred milliseconds before the story shows; instead the blocks after the first
 * `first` are rendered lazily (`content-visibility: auto`, an estimated height) and handed back to
 * normal layout `step` blocks per frame until none is left. Lazy blocks are not left in place:
 * WebKitGTK pays for them on every key press. The text is in the DOM throughout.
 *
 * The slices are moved by an attribute on the host (`data-lazy-from`), never by rewriting a
 * stylesheet: one stylesheet holds a rule for every slice, written once when a run starts and
 * only ever added to. WebKit answers a stylesheet whose text changes (or that is removed) by
 * resolving the whole document's style again from scratch and laying out all of its text anew,
 * which with a long story laid out is 100-200 ms each time, so rewriting it every frame made the
 * slices cost more with each one and held back the frames after the body was in place. An
 * attribute on the host only restyles the blocks the old or the new rule selects.
 *
 * The first slice waits until the story has been on screen a moment (`settle`): in WebKitGTK a
 * slice's layout costs the frame it lands in 10-25 ms, and the frames right after the story
 * appears are the ones the journalist watches; the blocks it hands back are out of view anyway.
 */
export type Schedule = (run: () => void) => void;

/** The next frame, then a task of its own `ms` later (a slice's layout is not added to the frame's). */
const afterFrame =
  (ms: number): Schedule =>
  (run) =>
    requestAnimationFrame(() => setTimeout(run, ms));

/** How long the story stays on screen untouched before the first slice. */
const SETTLE_MS = 150;

/** The attribute on the host that says where the lazy blocks begin. */
const ATTRIBUTE = "data-lazy-from";

export class LazyLayout {
  /** The stylesheets written so far (one per run that needed rules the others lacked). */
  private readonly styles: HTMLStyleElement[] = [];
  /** The slice starts the stylesheets have a rule for. */
  private readonly ruled = new Set<number>();
  /** The leading blocks in normal layout while a run is under way, or null. */
  private from: number | null = null;
  private generation = 0;

  /**
   * @param host the id of the element that holds the editor (`#host > .ProseMirror` is the
   *   body's top-level blocks' parent); it carries the attribute that moves the slices
   */
  constructor(
    private readonly host: string,
    private readonly opts: { first: number; step: number } = { first: 40, step: 40 },
    private readonly schedule: Schedule = afterFrame(0),
    private readonly settle: Schedule = afterFrame(SETTLE_MS),
  ) {}

  /**
   * Starts over for a body of `blocks` top-level blocks. Blocks added while it runs are left to
   * the end, when every block goes back to normal layout.
   */
  start(blocks: number): void {
    this.stop();
    if (blocks <= this.opts.first) return;
    const generation = this.generation;
    this.addRules(blocks);
    const apply = (from: number) => {
      this.from = from;
      document.getElementById(this.host)?.setAttribute(ATTRIBUTE, String(from));
    };
    const step = () => {
      if (generation !== this.generation || this.from === null) return;
      const from = this.from + this.opts.step;
      if (from >= blocks) this.stop();
      else {
        apply(from);
        this.schedule(step);
      }
    };
    apply(this.opts.first);
    this.settle(step);
  }

  /** How many leading blocks are laid out normally, or null when every block is. */
  get laidOut(): number | null {
    return this.from;
  }

  /** Every block back to normal layout at once (the rules stay, selecting nothing). */
  stop(): void {
    this.generation += 1;
    this.from = null;
    document.getElementById(this.host)?.removeAttribute(ATTRIBUTE);
  }

  /** Stops, and takes the stylesheets away (the editor is going). */
  dispose(): void {
    this.stop();
    for (const style of this.styles.splice(0)) style.remove();
    this.ruled.clear();
  }

  /**
   * A rule for each slice start of a body of `blocks` blocks that no stylesheet has yet, in a
   * stylesheet of their own: adding a stylesheet only restyles what its rules select.
   */
  private addRules(blocks: number): void {
    const rules: string[] = [];
    for (let from = this.opts.first; from < blocks; from += this.opts.step) {
      if (this.ruled.has(from)) continue;
      this.ruled.add(from);
      rules.push(`#${this.host}[${ATTRIBUTE}="${from}"] > .ProseMirror > :nth-child(n+${from + 1}) { content-visibility: auto; contain-intrinsic-size: auto 5em; }`);
    }
    if (rules.length === 0) return;
    const style = document.createElement("style");
    style.dataset.lazyLayout = "";
    style.textContent = rules.join("\n");
    document.head.append(style);
    this.styles.push(style);
  }
}
